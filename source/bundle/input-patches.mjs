// The two input libraries' patches, shared by the build (esbuild.config.mjs) and the tests, which run
// the source through tsx and apply them with a module hook (test/support/input-patches.mjs). Each
// replacement fails loudly when its text is gone, so an update of a library stops the build and the
// tests instead of silently bringing the old key handling back.
//
// Why: both libraries read keys with Ink's useInput, which hands over a whole read at once ("\x7f\x7f\x7f"
// inserted three DEL characters) and re-subscribes after every render (keys in between met stale state
// or were lost). The wizard reads keys itself (source/wizard/input/): ink-text-input keeps drawing the
// field (mask, placeholder, cursor) at a cursor the wizard gives it, and ink-select-input gets ↑/↓/Enter
// one at a time, each after the previous one has been rendered, and never a letter or digit (typing
// filters the lists; its j/k and 1-9 shortcuts would steal those keys).
import {fileURLToPath} from 'node:url';

/** A `replace(source, before, after)` that throws, naming the patch, when `before` is not in `source`. */
export function checkedReplace(path, name) {
	return (source, before, after) => {
		const found = typeof before === 'string' ? source.includes(before) : source.search(before) !== -1;
		if (!found) throw new Error(`${path} changed: review the ${name} patch (esbuild.config.mjs, source/bundle/input-patches.mjs)`);
		return source.replace(before, after);
	};
}

const listInputModule = fileURLToPath(new URL('../wizard/input/use-list-input.ts', import.meta.url));

export const inputPatches = [
	{
		// Ink's React reconciler, for the wizard's key router (source/wizard/input/key-router.ts): each key
		// is a discrete update rendered before the next key is handed over.
		name: 'ink-export-reconciler',
		filter: /node_modules[\\/]ink[\\/]build[\\/]index\.js$/,
		edit: (source, replace) => replace(source, "export { default as render } from './render.js';", "export { default as render } from './render.js';\nexport { default as __inkReconciler } from './reconciler.js';"),
	},
	{
		// A `cursorOffset` prop: when given, the field is drawn with the cursor there and does not read keys.
		name: 'ink-text-input-cursor',
		filter: /ink-text-input[\\/]build[\\/]index\.js$/,
		edit(source, replace) {
			let patched = replace(source, 'showCursor = true, onChange, onSubmit, })', 'showCursor = true, onChange, onSubmit, cursorOffset: givenCursorOffset, })');
			patched = replace(patched, 'const { cursorOffset, cursorWidth } = state;', 'const { cursorOffset, cursorWidth } = givenCursorOffset === undefined ? state : { cursorOffset: givenCursorOffset, cursorWidth: 0 };');
			return replace(patched, '}, { isActive: focus });', '}, { isActive: focus && givenCursorOffset === undefined });');
		},
	},
	{
		name: 'ink-select-input-keys',
		filter: /ink-select-input[\\/]build[\\/]SelectInput\.js$/,
		edit: (source, replace) => replace(source, "import { Box, useInput } from 'ink';", `import { Box } from 'ink';\nimport { useListInput as useInput } from ${JSON.stringify(listInputModule)};`),
	},
];
