// Stand-ins that the build (esbuild.config.mjs, plugin lazy-graphemes) puts in place of what Ink's
// text modules (string-width, slice-ansi, @alcalzone/ansi-tokenize) create when they load: an
// Intl.Segmenter (the first one loads ICU's break rules, ~10 ms) and /^\p{RGI_Emoji}$/v (compiling
// it takes ~25 ms and a transient ~24 MB). The wizard's frames rarely need either; results are the
// same as the originals (test/bundle/lazy-graphemes.test.ts compares them).

// Code points that never join a neighbour into one grapheme: controls but CR (so ANSI escapes too),
// Latin-1 and Latin extensions, general punctuation, arrows, symbols, box drawing, braille, dingbats.
// No combining marks, joiners, variation selectors, Hangul or emoji modifiers. Text made only of
// them is one grapheme per UTF-16 unit.
const simpleGraphemeText = /^[\u0000-\u000C\u000E-\u02FF\u2000-\u200A\u2010-\u2027\u202F-\u205F\u2070-\u20CF\u2100-\u2BFF]*$/;

type Segment = {segment: string; index: number; input: string};

class SimpleSegments implements Iterable<Segment> {
	constructor(private readonly text: string) {}

	*[Symbol.iterator](): Iterator<Segment> {
		for (let index = 0; index < this.text.length; index++) yield {segment: this.text[index]!, index, input: this.text};
	}

	containing(index = 0): Segment | undefined {
		const at = Math.trunc(Number(index)) || 0;
		return at >= 0 && at < this.text.length ? {segment: this.text[at]!, index: at, input: this.text} : undefined;
	}
}

/** What `new Intl.Segmenter(...options)` gives for `segment()`, with the real segmenter created on first need. */
export function lazyGraphemeSegmenter(...options: ConstructorParameters<typeof Intl.Segmenter>) {
	let segmenter: Intl.Segmenter | undefined;
	return {
		segment(input: string): Iterable<Segment> & {containing(index?: number): Segment | undefined} {
			const text = String(input);
			if (simpleGraphemeText.test(text)) return new SimpleSegments(text);
			segmenter ??= new Intl.Segmenter(...options);
			return segmenter.segment(text);
		},
	};
}

// Every RGI emoji contains an Emoji code point outside ASCII or, for keycaps (1️⃣ #️⃣), U+20E3.
const mayBeEmoji = /(?![\u0000-\u007F])\p{Emoji}|\u20E3/u;
// One code point is an RGI emoji exactly when it is Emoji_Presentation and not a regional indicator
// (half a flag): ✔ and ✖ (Emoji, text presentation) are not.
const singleCodePoint = /^[^]$/u;
const singleRgiEmoji = /^(?![\u{1F1E6}-\u{1F1FF}])\p{Emoji_Presentation}$/u;

/** What `/^\p{RGI_Emoji}$/v` gives for `test()`, compiling it only for a sequence that may be one. */
export function lazyRgiEmojiPattern() {
	let pattern: RegExp | undefined;
	return {
		test(segment: string): boolean {
			if (!mayBeEmoji.test(segment)) return false;
			if (singleCodePoint.test(segment)) return singleRgiEmoji.test(segment);
			pattern ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
			return pattern.test(segment);
		},
	};
}
