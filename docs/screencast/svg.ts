// The SVG renderer: svg-term, the engine behind svg-term-cli, called as a library (see the README's
// dependency list for why). One wrinkle of installing it beside Ink: svg-term draws with React 16 (its
// own copy, nested under it), but its styling package @stiligita/react is hoisted to our top level and
// would pick up our React 19, whose elements React 16 cannot render. While svg-term loads, that one
// package's `require('react')` is pointed at svg-term's React; nothing else is affected.
import Module, {createRequire} from 'node:module';
import path from 'node:path';
import type {SvgTermOptions} from 'svg-term';

type Resolve = (request: string, parent: {filename?: string} | undefined, ...rest: unknown[]) => string;

const require = createRequire(import.meta.url);

function loadSvgTerm(): typeof import('svg-term') {
	const fromSvgTerm = createRequire(require.resolve('svg-term'));
	const react = fromSvgTerm.resolve('react');
	const loader = Module as unknown as {_resolveFilename: Resolve};
	const original = loader._resolveFilename;
	loader._resolveFilename = function (this: unknown, request, parent, ...rest) {
		if (request === 'react' && parent?.filename?.includes(`${path.sep}@stiligita${path.sep}`)) return react;
		return original.call(this, request, parent, ...rest);
	};

	try {
		return require('svg-term') as typeof import('svg-term');
	} finally {
		loader._resolveFilename = original;
	}
}

let svgTerm: typeof import('svg-term') | undefined;

/** An asciicast v2 text as an SVG (animated when it has more than one screen). */
export function castToSvg(cast: string, options: SvgTermOptions): string {
	svgTerm ??= loadSvgTerm();
	return svgTerm.render(cast, options);
}
