import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {lazyGraphemeSegmenter, lazyRgiEmojiPattern} from '../../source/bundle/lazy-graphemes.js';

// A string, not a literal: the v flag is newer than the TypeScript target (ES2022), not than Node 20.
const rgiEmoji = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');

// A deterministic generator (mulberry32): the same mixes on every run.
function random(seed: number) {
	return () => {
		seed = (seed + 0x6D_2B_79_F5) | 0;
		let value = Math.imul(seed ^ (seed >>> 15), seed | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

// Plain text of the wizard's frames, then everything that joins into bigger graphemes.
const pieces = [
	'a', 'Z', '7', ' ', '-', '·', '…', '→', '↓', '✔', '✖', '❯', '★', '─', '│', '\u001B[31m', '\u001B[39m', '\t', '\n', '\r\n', '\r',
	'e\u0301', '\u0301', '한', '\u1100\u1161', '👍', '👍🏽', '🏽', '👩‍💻', '\u200D', '\uFE0F', '✔\uFE0F', '❤️', '🇫🇷', '🇫', '1\uFE0F\u20E3', '#️⃣', '©', '©️', '™', '↔️', '⌚', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '中', 'ｱ', '\uD800',
];

function mixes(count: number): string[] {
	const next = random(20_261_129);
	return Array.from({length: count}, () => Array.from({length: 1 + Math.floor(next() * 8)}, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

const segments = (iterable: Iterable<{segment: string; index: number; input: string}>) => [...iterable].map(({segment, index, input}) => ({segment, index, input}));

describe('lazyGraphemeSegmenter', () => {
	const real = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	const lazy = lazyGraphemeSegmenter(undefined, {granularity: 'grapheme'});

	test('segments like Intl.Segmenter, plain text and joined graphemes alike', () => {
		for (const text of ['', 'Which Atlas credentials?', '❯ Enter a key pair', ...pieces, ...mixes(3000)]) {
			assert.deepEqual(segments(lazy.segment(text)), segments(real.segment(text)), JSON.stringify(text));
		}
	});

	test('containing() finds the same grapheme at every index, and nothing outside the text', () => {
		for (const text of ['acme-atlas-snapshots-eu', '→ ✔ done', 'e\u0301 👩‍💻 🇫🇷', ...mixes(200)]) {
			for (let index = -1; index <= text.length; index++) {
				const expected = real.segment(text).containing(index);
				const actual = lazy.segment(text).containing(index);
				assert.deepEqual(actual && {...actual}, expected && {...expected}, `${JSON.stringify(text)} at ${index}`);
			}
		}
	});
});

describe('lazyRgiEmojiPattern', () => {
	const lazy = lazyRgiEmojiPattern();

	test('agrees with /^\\p{RGI_Emoji}$/v on every single code point', () => {
		for (let codePoint = 0; codePoint <= 0x10_FF_FF; codePoint++) {
			if (codePoint >= 0xD8_00 && codePoint <= 0xDF_FF) continue;
			const text = String.fromCodePoint(codePoint);
			if (lazy.test(text) !== rgiEmoji.test(text)) assert.fail(`U+${codePoint.toString(16).toUpperCase()}`);
		}
	});

	test('agrees on sequences: flags, skin tones, keycaps, ZWJ, tags, presentation selectors', () => {
		const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		for (const text of [...pieces, ...mixes(3000)]) {
			for (const {segment} of graphemes.segment(text)) assert.equal(lazy.test(segment), rgiEmoji.test(segment), JSON.stringify(segment));
		}
	});
});
