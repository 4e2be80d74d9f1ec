// Module hook (see input-patches.mjs): patches ink-text-input and ink-select-input as they load.
import {fileURLToPath} from 'node:url';
import {checkedReplace, inputPatches} from '../../source/bundle/input-patches.mjs';

export async function load(url, context, nextLoad) {
	const result = await nextLoad(url, context);
	if (!url.startsWith('file:')) return result;
	const path = fileURLToPath(url);
	const patch = inputPatches.find(candidate => candidate.filter.test(path));
	if (!patch || result.source === undefined || result.source === null) return result;
	return {...result, source: patch.edit(String(result.source), checkedReplace(path, patch.name))};
}
