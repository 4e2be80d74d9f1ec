// Shared by the wizard's Ink tests: render, type and unmount inside React's act() (or keys are
// lost or reordered), and wait for asynchronous state by polling instead of sleeping.
import type {ReactElement} from 'react';
import {act} from 'react';
import {render as inkRender} from 'ink-testing-library';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	backspace: '\u007F',
	ctrlC: '\u0003',
	tab: '\t',
} as const;

export type Rendered = ReturnType<typeof inkRender> & {
	type(text: string): Promise<void>;
	press(key: keyof typeof keys, times?: number): Promise<void>;
	frame(): string;
	allFrames(): string;
	update(tree: ReactElement): Promise<void>;
	dispose(): Promise<void>;
};

// Ink flushes a lone Esc on the next tick (setImmediate) and state updates land in microtasks.
async function settle(): Promise<void> {
	await act(async () => {
		await new Promise(resolve => setImmediate(resolve));
		await new Promise(resolve => setImmediate(resolve));
	});
}

export async function render(tree: ReactElement): Promise<Rendered> {
	let instance!: ReturnType<typeof inkRender>;
	await act(async () => {
		instance = inkRender(tree);
	});
	await settle();
	const rendered: Rendered = {
		...instance,
		async type(text: string) {
			await act(async () => {
				instance.stdin.write(text);
			});
			await settle();
		},
		async press(key, times = 1) {
			for (let index = 0; index < times; index++) {
				await act(async () => {
					instance.stdin.write(keys[key]);
				});
				await settle();
			}
		},
		frame: () => stripAnsi(instance.lastFrame() ?? ''),
		allFrames: () => instance.frames.map(frame => stripAnsi(frame)).join('\n'),
		async update(tree: ReactElement) {
			await act(async () => {
				instance.rerender(tree);
			});
			await settle();
		},
		async dispose() {
			await act(async () => {
				instance.unmount();
			});
		},
	};
	return rendered;
}

export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[\d;?]*[A-Za-z]/g, '');
}

/** Polls until `check` stops throwing/returns truthy, giving Ink and promises time to run. */
export async function waitFor<T>(check: () => T, {timeoutMs = 5000, what = 'condition'}: {timeoutMs?: number; what?: string} = {}): Promise<T> {
	const started = Date.now();
	let lastError: unknown;
	for (;;) {
		try {
			const value = check();
			if (value !== false && value !== undefined && value !== null) return value;
		} catch (error) {
			lastError = error;
		}

		if (Date.now() - started > timeoutMs) {
			throw new Error(`waitFor timed out: ${what}${lastError instanceof Error ? ` (${lastError.message})` : ''}`);
		}

		await act(async () => {
			await new Promise(resolve => setTimeout(resolve, 10));
		});
	}
}

/** Waits until the last frame contains `text`; returns the frame. */
export async function waitForText(rendered: Rendered, text: string | RegExp, timeoutMs = 5000): Promise<string> {
	return waitFor(
		() => {
			const frame = rendered.frame();
			const found = typeof text === 'string' ? frame.includes(text) : text.test(frame);
			if (!found) throw new Error(`last frame:\n${frame}`);
			return frame;
		},
		{timeoutMs, what: `text ${String(text)}`},
	);
}

/**
 * Renders a step (or any part of the wizard) below the services context it reads, with the fake
 * services' good keys as the verified Atlas session.
 */
export async function renderWith(services: import('../../source/wizard/services.js').WizardServices, tree: ReactElement, signal: AbortSignal = new AbortController().signal): Promise<Rendered> {
	const {WizardServicesProvider} = await import('../../source/wizard/services-context.js');
	const {goodKeys} = await import('./fake-services.js');
	return render(
		<WizardServicesProvider services={services} signal={signal} connection={goodKeys}>
			{tree}
		</WizardServicesProvider>,
	);
}

/** Narrows the fake terminal (ink-testing-library's is 100 columns) and lets Ink and the steps re-layout. */
export async function resize(rendered: Rendered, columns: number): Promise<void> {
	await act(async () => {
		Object.defineProperty(rendered.stdout, 'columns', {configurable: true, get: () => columns});
		rendered.stdout.emit('resize');
	});
	await settle();
}

/** On the key step's list, moves to the item whose label starts with `label` and takes it. */
async function chooseOnKeyStep(rendered: Rendered, label: string): Promise<void> {
	await waitForText(rendered, label);
	const items = rendered.frame().split('\n').filter(line => /^[❯ ] [^ ]/.test(line));
	const from = items.findIndex(line => line.startsWith('❯'));
	const to = items.findIndex(line => line.slice(2).startsWith(label));
	if (from === -1 || to === -1) throw new Error(`"${label}" is not an item of the list:\n${rendered.frame()}`);
	if (to > from) await rendered.press('down', to - from);
	if (to < from) await rendered.press('up', from - to);
	await rendered.press('enter');
}

/** The key step's "Enter a key pair (API key)": the key pair form, once it is on screen. */
export async function chooseApiKey(rendered: Rendered): Promise<string> {
	await chooseOnKeyStep(rendered, 'Enter a key pair (API key)');
	return waitForText(rendered, 'Public key:');
}

/** The key step's "Enter a service account": the service account form, once it is on screen. */
export async function chooseServiceAccount(rendered: Rendered): Promise<string> {
	await chooseOnKeyStep(rendered, 'Enter a service account (recommended by Atlas)');
	return waitForText(rendered, 'Client id:');
}
