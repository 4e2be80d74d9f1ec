// Installed size of the package as a user gets it: `npm pack` (which runs `prepare`, building dist/),
// then `npm install --omit=dev` of that tarball into a temporary prefix, from the npm registry. keytar,
// the one runtime dependency (optional), comes with a prebuilt binary or is built from source by
// node-gyp when none can be downloaded; either way it is counted. Sizes are allocated blocks, each
// file once, like `du`. Then the installed executable runs `--version`, which it could not do if the
// bundle needed a package that is not installed. Run on its own: `node bench/size.mjs` (prints JSON).
import {execFile} from 'node:child_process';
import {existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);

export function diskKb(target, seen = new Set(), skipNested = false) {
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

export async function installSize(root) {
	const work = mkdtempSync(path.join(tmpdir(), 'aeb-install-'));
	try {
		const {stdout: packed} = await run('npm', ['pack', '--json', '--pack-destination', work], {cwd: root, maxBuffer: 16 * 1024 * 1024});
		const [{filename, files}] = JSON.parse(packed.slice(packed.indexOf('[')));
		const prefix = path.join(work, 'prefix');
		writeFileSync(path.join(work, 'package.json'), '{}\n');
		await run('npm', ['install', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', path.join(work, filename)], {cwd: work, maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000});
		const modules = path.join(prefix, 'node_modules');
		// npm ls exits 1 on problems it only warns about: keep its output.
		const {stdout} = await run('npm', ['ls', '--all', '--parseable'], {cwd: prefix, maxBuffer: 16 * 1024 * 1024}).catch(error => error);
		const paths = [...new Set(String(stdout).split('\n').map(line => line.trim()).filter(Boolean))].filter(line => line !== prefix);
		const seen = new Set();
		const each = paths.map(file => ({name: path.relative(modules, file), kb: diskKb(file, seen, true)}));
		const {stdout: version} = await run(path.join(modules, '.bin', 'atlas-export-bucket'), ['--version'], {env: {...process.env, NODE_DISABLE_COMPILE_CACHE: '1'}});
		return {
			tarball: files.map(file => file.path).sort(),
			packages: paths.length,
			totalKb: diskKb(modules),
			distKb: diskKb(path.join(modules, 'atlas-export-bucket', 'dist')),
			largest: each.sort((a, b) => b.kb - a.kb).slice(0, 4),
			keytar: existsSync(path.join(modules, 'keytar', 'build', 'Release', 'keytar.node')),
			version: version.trim(),
		};
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	console.log(JSON.stringify(await installSize(root), null, '\t'));
}
