// The published package: the bundle (dist/) carries every JavaScript dependency, so the install
// holds dist/, README, the licence and keytar (the one runtime dependency, optional: the keychain).
// The install size itself is measured by `npm run bench` (bench/size.mjs), which needs the registry.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import path from 'node:path';
import {describe, test} from 'node:test';
import {promisify} from 'node:util';
import {root} from './commands/helpers.js';

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('package', () => {
	test('keytar is the one runtime dependency (optional); everything the bundle holds is a devDependency', () => {
		assert.equal(packageJson.dependencies, undefined);
		assert.deepEqual(Object.keys(packageJson.optionalDependencies as object), ['keytar']);
		const development = packageJson.devDependencies as Record<string, string>;
		for (const bundled of ['ink', 'react', 'ky', 'digest-fetch', 'commander', 'env-paths', 'proper-lockfile', 'cli-truncate', 'ink-text-input', 'ink-select-input', 'ink-spinner']) {
			assert.ok(development[bundled], `${bundled} is in devDependencies`);
		}
	});

	test('the built program requires Node built-ins only; keytar is resolved at run time, never bundled', () => {
		for (const file of ['dist/app.cjs', 'dist/cli.js']) {
			const code = readFileSync(path.join(root, file), 'utf8');
			const required = [...code.matchAll(/\brequire\((["'])([^"']+)\1\)/g)].map(match => match[2]!);
			assert.ok(required.length > 0, file);
			assert.deepEqual(required.filter(name => !isBuiltin(name)), [], `${file} requires only built-ins`);
		}

		const app = readFileSync(path.join(root, 'dist/app.cjs'), 'utf8');
		assert.match(app, /\.resolve\("keytar"\)/);
	});

	test('npm pack holds dist/, README, the MIT licence and package.json, nothing else', async () => {
		// --ignore-scripts: the test run has built dist/ already; `prepare` would rebuild it under other tests.
		const {stdout} = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, maxBuffer: 16 * 1024 * 1024});
		const [{files}] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{files: Array<{path: string}>}];
		const paths = files.map(file => file.path).sort();
		assert.deepEqual(paths.filter(file => !file.startsWith('dist/')), ['LICENSE', 'README.md', 'package.json']);
		assert.ok(paths.includes('dist/cli.js') && paths.includes('dist/app.cjs'), paths.join(', '));
		assert.equal(packageJson.license, 'MIT');
		assert.match(readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License\n/);
	});
});
