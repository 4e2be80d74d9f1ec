// Installed size of the production dependencies: every path `npm ls --omit=dev --all --parseable`
// lists, measured on disk like `du` (allocated blocks, each file once) and dist/ for comparison.
import {execFile} from 'node:child_process';
import {lstatSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

function diskKb(target, seen, skipNested) {
	let bytes = 0;
	const visit = file => {
		const stat = lstatSync(file, {throwIfNoEntry: false});
		if (!stat || seen.has(stat.ino)) return;
		seen.add(stat.ino);
		bytes += stat.blocks * 512;
		if (!stat.isDirectory()) return;
		for (const entry of readdirSync(file)) {
			// Nested node_modules hold other listed packages: they are counted as themselves.
			if (skipNested && entry === 'node_modules') continue;
			visit(path.join(file, entry));
		}
	};

	visit(target);
	return bytes / 1024;
}

export async function packageSizes(root) {
	// npm ls exits 1 on problems it only warns about (e.g. an optional dependency): keep its output.
	const {stdout} = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {cwd: root, maxBuffer: 16 * 1024 * 1024}).catch(error => error);
	const paths = [...new Set(String(stdout).split('\n').map(line => line.trim()).filter(Boolean))].filter(line => line !== root);
	const seen = new Set();
	const each = paths.map(file => ({name: path.relative(path.join(root, 'node_modules'), file), kb: diskKb(file, seen, true)}));
	const totalKb = each.reduce((sum, entry) => sum + entry.kb, 0);
	return {
		packages: paths.length,
		totalKb,
		largest: each.sort((a, b) => b.kb - a.kb).slice(0, 4),
		distKb: diskKb(path.join(root, 'dist'), new Set(), false),
	};
}
