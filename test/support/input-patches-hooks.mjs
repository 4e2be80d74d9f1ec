// Module hook (see input-patches.mjs): patches ink-text-input, ink-select-input and Ink's frame drawing
// (source/bundle/ink-output-rows.mjs) as they load.
import {fileURLToPath} from 'node:url';
import {checkedReplace, inputPatches} from '../../source/bundle/input-patches.mjs';
import {inkOutputRows} from '../../source/bundle/ink-output-rows.mjs';

const patches = [...inputPatches, inkOutputRows];

export async function load(url, context, nextLoad) {
	const result = await nextLoad(url, context);
	if (!url.startsWith('file:')) return result;
	const path = fileURLToPath(url);
	const patch = patches.find(candidate => candidate.filter.test(path));
	if (!patch || result.source === undefined || result.source === null) return result;
	return {...result, source: patch.edit(String(result.source), checkedReplace(path, patch.name))};
}
