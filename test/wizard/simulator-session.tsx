// The whole wizard driven as a person drives it, against a simulator over real loopback HTTP: the
// real services with a fake keychain (or the real one when the test command provides a private,
// unlocked Secret Service) and profiles in a temporary directory, and the first steps typed the way
// a person types them. Shared by the wizard's whole-run tests (wizard-simulator, role set-up).
import React from 'react';
import type {Simulator} from '../../source/simulator/index.js';
import {DEMO_KEYS} from '../../source/simulator/index.js';
import {createWizardServices, type KeychainAccessLike} from '../../source/wizard/services.js';
import {Wizard} from '../../source/wizard/wizard.js';
import {chooseApiKey, chooseServiceAccount, render, waitForText, type Rendered} from './helpers.js';

export function fakeKeychain(): {access: () => Promise<KeychainAccessLike>; stored: Map<string, string>} {
	const stored = new Map<string, string>();
	return {
		stored,
		access: async () => ({
			available: true,
			keychain: {
				getPrivateKey: async (name: string) => stored.get(name) ?? null,
				setPrivateKey: async (name: string, key: string) => {
					stored.set(name, key);
				},
				deletePrivateKey: async (name: string) => stored.delete(name),
			},
		}),
	};
}

export type Session = Rendered & {exitCode(): number | undefined; exitNotice(): string | undefined};

export type SessionOptions = {
	simulator: Pick<Simulator, 'baseUrl'>;
	profilesDir: string;
	/** 'real': the OS keychain (the test command's private Secret Service); default a fake one. */
	keychain?: (() => Promise<KeychainAccessLike>) | 'real';
	iamWaitMs?: number;
	/** Where policy files are written by default. */
	cwd?: string;
	/** The process environment the services see (default: none, so nothing of the tester's leaks in). */
	env?: NodeJS.ProcessEnv;
};

export async function startSession(options: SessionOptions): Promise<Session> {
	const services = createWizardServices({
		...(options.cwd ? {cwd: options.cwd} : {}),
		baseUrl: options.simulator.baseUrl,
		env: options.env ?? {},
		profilesDir: options.profilesDir,
		iamWaitMs: options.iamWaitMs ?? 60_000,
		iamRetry: {baseDelayMs: 20, maxDelayMs: 50},
		...(options.keychain === 'real' ? {} : {keychain: options.keychain ?? fakeKeychain().access}),
	});
	let code: number | undefined;
	let notice: string | undefined;
	const ui = await render(<Wizard services={services} onExit={(exitCode, exitNotice) => {
		code = exitCode;
		notice = exitNotice;
	}} />);
	return Object.assign(ui, {exitCode: () => code, exitNotice: () => notice});
}

export async function typeSlowly(ui: Rendered, text: string) {
	for (const char of text) await ui.type(char);
}

/** Chooses the kind on the key step, types the id, then the secret one key at a time, and submits. */
async function enterCredentials(ui: Rendered, choose: (ui: Rendered) => Promise<string>, id: string, secretLabel: string, secret: string) {
	await choose(ui);
	await ui.type(id);
	await ui.press('enter');
	await waitForText(ui, secretLabel);
	await typeSlowly(ui, secret);
	await ui.press('enter');
}

export async function enterKeys(ui: Rendered, keys: {publicKey: string; privateKey: string}) {
	await enterCredentials(ui, chooseApiKey, keys.publicKey, 'Private key:', keys.privateKey);
}

export async function enterServiceAccount(ui: Rendered, account: {clientId: string; clientSecret: string}) {
	await enterCredentials(ui, chooseServiceAccount, account.clientId, 'Client secret:', account.clientSecret);
}

/** From the first frame to the role list of a project, declining to save the keys. */
export async function toRoles(ui: Rendered, projectName: string) {
	await enterKeys(ui, DEMO_KEYS);
	await waitForText(ui, 'Save it in the OS keychain');
	await ui.press('down');
	await ui.press('enter');
	await waitForText(ui, 'Which project? (3 found)');
	await typeSlowly(ui, projectName);
	await ui.press('enter');
	await waitForText(ui, 'Which AWS IAM role');
}

export async function typeBucket(ui: Rendered, name: string) {
	await waitForText(ui, 'Bucket:');
	await typeSlowly(ui, name);
	await ui.press('enter');
}

/** Demo Sandbox's role list (no roles) → Set up a new role → the bucket → the go-ahead before the create. */
export async function toSandboxGoAhead(ui: Rendered, bucket: string) {
	await toRoles(ui, 'Sandbox');
	await waitForText(ui, '❯ Set up a new role');
	await ui.press('enter');
	await typeBucket(ui, bucket);
	await waitForText(ui, '❯ Create the role in Atlas');
}
