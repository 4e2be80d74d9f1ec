import {credentialKind, identityOf, isServiceAccount, secretOf, type AtlasCredentials, type CredentialKind} from '../../atlas/types.js';
import React, {useEffect, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {CREDENTIAL_FIELDS, CredentialForm, type CredentialFields} from '../components/credential-form.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading, SpinnerLine} from '../components/loading.js';
import {SelectList, type SelectItem} from '../components/select-list.js';
import {useWizardContext} from '../services-context.js';
import {toErrorView, type AtlasErrorView, type Connection, type ProfileView} from '../services.js';
import type {CredentialsAnswer} from '../state.js';
import {isLoopbackUrl, shownBaseUrl} from '../base-url.js';
import {Prose} from '../components/prose.js';

/** A reason as one line of the header (a keychain error can span several). */
function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export type CredentialsStepProps = {
	/** The keys already chosen (when the user came back to change them). */
	current?: CredentialsAnswer;
	/** False when the user came back on purpose: then nothing is chosen automatically. */
	auto: boolean;
	onAnswer(credentials: CredentialsAnswer, note?: string): void;
	onBack(): void;
};

type Source =
	| {kind: 'demo'}
	| {kind: 'demo-service-account'}
	| {kind: 'env'}
	| {kind: 'profile'; profile: ProfileView}
	| {kind: 'type'; credential: CredentialKind};

type Phase =
	| {name: 'loading'}
	| {name: 'choose'}
	/** Typing credentials of one kind in. */
	| {name: 'form'; kind: CredentialKind}
	| {name: 'verifying'; from: 'choose' | CredentialKind; label: string}
	| {name: 'offer-save'; credentials: CredentialsAnswer; connection: Connection & {projectId?: string}; profileName: string}
	/** `waitingFor`: the profile file whose lock another process holds (the save waits for it). */
	| {name: 'saving'; credentials: CredentialsAnswer; connection: Connection & {projectId?: string}; profileName: string; waitingFor?: string};

/**
 * A profile name for new keys: the profile that already holds this public key, else "default", else
 * one named after the key. Keys for an Atlas on this machine (the simulator) never go to "default":
 * it would leave the default profile pointing at a local port that is gone after the try.
 */
export function profileNameFor(publicKey: string, profiles: ProfileView[], baseUrl: string): string {
	const local = isLoopbackUrl(baseUrl);
	const same = profiles.find(profile => (profile.clientId ?? profile.publicKey) === publicKey && !(local && profile.name === 'default'));
	if (same) return same.name;
	if (local) {
		let name = 'simulator';
		for (let index = 2; profiles.some(profile => profile.name === name); index++) name = `simulator-${index}`;
		return name;
	}

	if (!profiles.some(profile => profile.name === 'default')) return 'default';
	const fromKey = `key-${publicKey.replace(/[^A-Za-z\d._-]/g, '')}`.slice(0, 64);
	return profiles.some(profile => profile.name === fromKey) ? `${fromKey}-2` : fromKey;
}

/** The list item the credentials came from (highlighted when the user comes back). */
function sourceKey(credentials: CredentialsAnswer): string {
	switch (credentials.source) {
		case 'profile': {
			return `profile:${credentials.profileName ?? ''}`;
		}

		case 'typed': {
			return `type:${credentialKind(credentials)}`;
		}

		case 'demo': {
			return isServiceAccount(credentials) ? 'demo-service-account' : 'demo';
		}

		case 'env': {
			return 'env';
		}
	}
}

/**
 * Step 1: which API key or service account. A stored profile (name and public key or client id,
 * never the secret), the environment's, the demo's, or typed in (a service account, recommended by
 * Atlas, or an API key pair). It is checked with Atlas at once; a 401 or 403 comes back here with
 * the fix hint. Typed or environment credentials can then be saved in the keychain.
 */
export function CredentialsStep({current, auto, onAnswer, onBack}: CredentialsStepProps) {
	const {services, signal} = useWizardContext();
	// The demo has no stored profiles to look for (listProfiles answers []): unless a source is picked
	// automatically, its first frame is already the question.
	const [phase, setPhase] = useState<Phase>(() =>
		services.demo && !(auto && (services.requestedProfile ?? services.envKeys)) ? {name: 'choose'} : {name: 'loading'});
	const [profiles, setProfiles] = useState<ProfileView[]>([]);
	const [profilesProblem, setProfilesProblem] = useState<string | undefined>();
	const [error, setError] = useState<AtlasErrorView | undefined>();
	// The ids typed in so far, per kind: kept when the user goes to the list and back.
	const [typedIds, setTypedIds] = useState<Partial<Record<CredentialKind, string>>>(current?.source === 'typed' ? {[credentialKind(current)]: identityOf(current)} : {});
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);

	// Esc during a check abandons it: a later answer from an abandoned check is ignored.
	const attempt = useRef(0);
	const verify = async (answer: CredentialsAnswer, connection: Connection & {projectId?: string}, from: 'choose' | CredentialKind, label: string) => {
		const mine = ++attempt.current;
		const stale = () => !mounted.current || signal.aborted || attempt.current !== mine;
		setError(undefined);
		setPhase({name: 'verifying', from, label});
		try {
			await services.verifyKeys(connection, signal);
		} catch (error_) {
			if (stale()) return;
			setError(toErrorView(error_));
			setPhase(from === 'choose' ? {name: 'choose'} : {name: 'form', kind: from});
			return;
		}

		if (stale()) return;
		const unchanged = current !== undefined && identityOf(current) === identityOf(answer) && secretOf(current) === secretOf(answer);
		if (unchanged) {
			// The same keys again (the user came back and kept them): no second offer to save them.
			onAnswer({...answer, ...(current.profileName ? {profileName: current.profileName} : {})});
			return;
		}

		if (answer.source !== 'typed' && answer.source !== 'env') {
			onAnswer(answer);
			return;
		}

		// Offer the keychain only for keys that are not stored yet.
		let status;
		try {
			status = await services.keychainStatus();
		} catch (error_) {
			status = {available: false as const, reason: toErrorView(error_).message};
		}

		if (stale()) return;
		if (!status.available) {
			// Worth a line only for typed keys: they will be asked for again next time. Keys from the
			// environment are there again anyway.
			onAnswer(answer, answer.source === 'typed' ? `Not saved in the keychain: ${oneLine(status.reason)}` : undefined);
			return;
		}

		setPhase({name: 'offer-save', credentials: answer, connection, profileName: profileNameFor(identityOf(answer), profiles, services.target(connection).baseUrl)});
	};

	const useSource = async (source: Source) => {
		switch (source.kind) {
			case 'demo': {
				const keys = services.demo!.keys;
				await verify({source: 'demo', ...keys}, keys, 'choose', 'the demo key');
				break;
			}

			case 'demo-service-account': {
				const account = services.demo!.serviceAccount!;
				await verify({source: 'demo', ...account}, account, 'choose', 'the demo service account');
				break;
			}

			case 'env': {
				const keys = services.envKeys!;
				await verify({source: 'env', ...keys}, keys, 'choose', isServiceAccount(keys) ? 'the service account from the environment' : 'the key from the environment');
				break;
			}

			case 'profile': {
				const {name} = source.profile;
				const mine = ++attempt.current;
				const stale = () => !mounted.current || signal.aborted || attempt.current !== mine;
				setError(undefined);
				setPhase({name: 'verifying', from: 'choose', label: `profile “${name}”`});
				let connection;
				try {
					connection = await services.loadProfile(name);
				} catch (error_) {
					if (stale()) return;
					setError(toErrorView(error_));
					setPhase({name: 'choose'});
					return;
				}

				if (stale()) return;

				await verify({source: 'profile', profileName: name, ...connection}, connection, 'choose', `profile “${name}”`);
				break;
			}

			case 'type': {
				setError(undefined);
				setPhase({name: 'form', kind: source.credential});
				break;
			}
		}
	};

	// Find the sources, then use the one the user named (--profile, environment keys) unless they came back to choose.
	useEffect(() => {
		let cancelled = false;
		void (async () => {
			let found: ProfileView[] = [];
			try {
				found = await services.listProfiles();
			} catch (error_) {
				if (!cancelled) setProfilesProblem(toErrorView(error_).message);
			}

			if (cancelled) return;
			setProfiles(found);
			const requested = services.requestedProfile ? found.find(profile => profile.name === services.requestedProfile) : undefined;
			if (auto && services.requestedProfile) {
				if (requested) {
					void useSource({kind: 'profile', profile: requested});
					return;
				}

				setError({message: `No profile named “${services.requestedProfile}”.`, hint: 'Choose another key below, or run `atlas-export-bucket login --profile NAME` later to store one.', authFailure: false, cannotAssumeRole: false, aborted: false});
			} else if (auto && services.envKeys) {
				void useSource({kind: 'env'});
				return;
			}

			// Only out of loading: a question already on screen keeps whatever the user did with it. With
			// nothing stored, the question is which kind to enter: a service account or an API key.
			setPhase(current => (current.name === 'loading' ? {name: 'choose'} : current));
		})();
		return () => {
			cancelled = true;
		};
		// Runs once per visit of the step.
	}, []);

	if (phase.name === 'loading') return <Loading label="Looking for stored keys…" />;
	if (phase.name === 'verifying' && phase.from === 'choose') {
		return (
			<Loading
				label={`Checking ${phase.label} with Atlas…`}
				onBack={() => {
					attempt.current++;
					setPhase({name: 'choose'});
				}}
			/>
		);
	}

	// Not the default Atlas (--base-url, MONGODB_ATLAS_OPS_MANAGER_URL): say which, before any key is sent.
	// The demo's banner names its simulator already.
	const baseUrl = services.demo ? undefined : shownBaseUrl(services.target().baseUrl);
	const atlasLine = baseUrl ? <Prose>Atlas at <Text color="yellow">{baseUrl}</Text>{isLoopbackUrl(baseUrl) ? ' (on this machine)' : ''}</Prose> : null;

	// The form stays on screen while what was typed in it is checked.
	const kind = phase.name === 'form' ? phase.kind : phase.name === 'verifying' && phase.from !== 'choose' ? phase.from : undefined;
	if (kind) {
		const fields: CredentialFields<AtlasCredentials> = CREDENTIAL_FIELDS[kind];
		return (
			<Box flexDirection="column">
				{atlasLine}
				<CredentialForm
					key={kind}
					fields={fields}
					initialId={typedIds[kind] ?? ''}
					busy={phase.name === 'verifying'}
					{...(error ? {error: {message: error.message, ...(error.hint ? {hint: error.hint} : {})}} : {})}
					onSubmit={credentials => {
						setTypedIds(ids => ({...ids, [kind]: identityOf(credentials)}));
						void verify({source: 'typed', ...credentials}, credentials, kind, kind === 'serviceAccount' ? 'the service account' : 'the key');
					}}
					onCancel={() => {
						setError(undefined);
						setPhase({name: 'choose'});
					}}
				/>
			</Box>
		);
	}

	if (phase.name === 'offer-save' || phase.name === 'saving') {
		const {credentials, connection, profileName} = phase;
		if (phase.name === 'saving') {
			return (
				<Box flexDirection="column">
					<SpinnerLine label={`Saving profile “${profileName}” in the keychain…`} />
					{phase.waitingFor ? <Prose dimColor>Another atlas-export-bucket is changing {phase.waitingFor}; waiting for it to finish.</Prose> : null}
				</Box>
			);
		}

		const save = async () => {
			const saving = {...phase, name: 'saving' as const};
			setPhase(saving);
			let note: string;
			try {
				await services.saveProfile(profileName, connection, undefined, {
					onLockWait(file) {
						if (mounted.current) setPhase(current => (current.name === 'saving' ? {...current, waitingFor: file} : current));
					},
				});
				note = `Saved as profile “${profileName}”; next time: --profile ${profileName}`;
			} catch (error_) {
				const view = toErrorView(error_);
				note = `Not saved: ${oneLine(view.message)}`;
			}

			if (mounted.current && !signal.aborted) onAnswer({...credentials, profileName}, note);
		};

		return (
			<Box flexDirection="column">
				<Prose color="green">✔ Atlas accepted {isServiceAccount(credentials) ? 'the service account' : 'the key'} {identityOf(credentials)}.</Prose>
				<Prose>Save it in the OS keychain for next time?</Prose>
				<SelectList
					items={[
						{key: 'save', label: `Save as profile “${profileName}”`, ...(baseUrl ? {details: [`with Atlas at ${baseUrl}`]} : {}), value: 'save'},
						{key: 'skip', label: 'Not now', value: 'skip'},
					]}
					onSelect={choice => {
						if (choice === 'save') void save();
						else onAnswer(credentials);
					}}
					onBack={() => setPhase(credentials.source === 'typed' ? {name: 'form', kind: credentialKind(credentials)} : {name: 'choose'})}
				/>
			</Box>
		);
	}

	const items: Array<SelectItem<Source>> = [];
	if (services.demo) {
		items.push({key: 'demo', label: `Use the demo key ${services.demo.keys.publicKey}`, details: ['the built-in simulator; nothing leaves this machine'], value: {kind: 'demo'}});
		if (services.demo.serviceAccount) {
			items.push({key: 'demo-service-account', label: `Use the demo service account ${services.demo.serviceAccount.clientId}`, value: {kind: 'demo-service-account'}});
		}
	}

	if (services.envKeys) {
		items.push(isServiceAccount(services.envKeys)
			? {key: 'env', label: `Use the service account from the environment: ${services.envKeys.clientId}`, details: ['MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET'], value: {kind: 'env'}}
			: {key: 'env', label: `Use the key from the environment: ${services.envKeys.publicKey}`, details: ['MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY'], value: {kind: 'env'}});
	}

	for (const profile of profiles) {
		items.push({
			key: `profile:${profile.name}`,
			label: `Profile “${profile.name}”: ${profile.clientId ?? profile.publicKey ?? ''}${profile.isDefault ? ' (default)' : ''}`,
			value: {kind: 'profile', profile},
		});
	}

	items.push({key: 'type:serviceAccount', label: 'Enter a service account (recommended by Atlas)', details: ['client id and secret (OAuth 2.0)'], value: {kind: 'type', credential: 'serviceAccount'}});
	items.push({key: 'type:apiKey', label: 'Enter a key pair (API key)', details: ['public and private key (HTTP Digest, legacy)'], value: {kind: 'type', credential: 'apiKey'}});
	const initialKey = current === undefined ? undefined : sourceKey(current);
	return (
		<Box flexDirection="column">
			<Prose bold>Which Atlas credentials?</Prose>
			{atlasLine}
			<SelectList items={items} initialKey={initialKey} onSelect={source => void useSource(source)} onBack={onBack} />
			{profilesProblem ? <Prose dimColor>Stored profiles could not be read: {profilesProblem}</Prose> : null}
			{error ? <ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} /> : null}
		</Box>
	);
}
