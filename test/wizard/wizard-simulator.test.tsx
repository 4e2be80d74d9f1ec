// The whole wizard as a person drives it, against the embedded simulator over real loopback HTTP:
// the real Atlas client and services; the keychain is faked (or the real one when the test command
// provides a private, unlocked Secret Service) and profiles live in a temporary directory.
import {test, describe, after, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createAtlasClient} from '../../source/atlas/client.js';
import {
	DEMO_AWS_ROLE_ARNS,
	DEMO_KEYS,
	DEMO_PROJECTS,
	DEMO_ROLE_IDS,
	DEMO_SERVICE_ACCOUNT,
	DEMO_WRITABLE_BUCKETS,
	startSimulator,
	type Simulator,
} from '../../source/simulator/index.js';
import {createWizardServices} from '../../source/wizard/services.js';
import {Wizard} from '../../source/wizard/wizard.js';
import {render, waitForText, type Rendered} from './helpers.js';
import {enterKeys, enterServiceAccount, fakeKeychain, startSession as startSimulatorSession, toRoles, toSandboxGoAhead, typeBucket, typeSlowly, type Session, type SessionOptions} from './simulator-session.js';

const realKeyring = process.env.ATLAS_EXPORT_BUCKET_TEST_KEYRING === 'available';
let simulator: Simulator;
let profilesDir: string;

/** A session against this file's simulator and profile directory. */
async function startSession(options: Omit<SessionOptions, 'simulator' | 'profilesDir'> = {}): Promise<Session> {
	return startSimulatorSession({simulator, profilesDir, ...options});
}

/** Authenticated create requests the simulator received (Digest challenges are not counted). */
function creates() {
	return simulator.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets') && entry.authenticated);
}

async function chooseRole(ui: Rendered, roleId: string) {
	await waitForText(ui, roleId);
	const chosen = new RegExp(`❯ [^\\n]*${roleId}`);
	for (let step = 0; step < 6 && !chosen.test(ui.frame()); step++) await ui.press('down');
	assert.match(ui.frame(), chosen);
	await ui.press('enter');
	await waitForText(ui, 'Which S3 bucket');
}

/** From the first frame to the summary, with its Create / Edit / Cancel choices on screen. */
async function toSummary(ui: Rendered, projectName: string, roleId: string, bucket: string) {
	await toRoles(ui, projectName);
	await chooseRole(ui, roleId);
	await typeBucket(ui, bucket);
	await waitForText(ui, '❯ Create');
}

/** Authenticated Atlas API calls (not the token endpoint, not Digest challenges). */
function apiRequests() {
	return simulator.log.filter(entry => entry.path.startsWith('/api/atlas/') && entry.authenticated);
}

/** Requests to the OAuth token endpoint. */
function tokenRequests() {
	return simulator.log.filter(entry => entry.path === '/api/oauth/token');
}

/** What the real keychain (the test command's private Secret Service) holds for a profile. */
async function realKeychainSecret(profile: string): Promise<string | null> {
	const {openKeychain} = await import('../../source/credentials/keychain.js');
	const access = await openKeychain();
	if (!access.available) throw new Error(access.reason);
	return access.keychain.getPrivateKey(profile);
}

function assertNoSecretShown(ui: Rendered) {
	assert.ok(!ui.allFrames().includes(DEMO_KEYS.privateKey), 'the private key appears in no frame');
}

describe('the wizard against the simulator', () => {
	beforeEach(async () => {
		if (profilesDir) rmSync(profilesDir, {recursive: true, force: true});
		profilesDir = mkdtempSync(path.join(tmpdir(), 'wizard-profiles-'));
		await simulator?.close();
		simulator = await startSimulator({seed: undefined});
	});

	after(async () => {
		await simulator?.close();
		rmSync(profilesDir, {recursive: true, force: true});
	});

	test('happy path: keys, project, role, bucket, confirm, registered; one create request', async () => {
		const keychain = realKeyring ? undefined : fakeKeychain();
		const ui = await startSession({keychain: keychain ? keychain.access : 'real'});
		await enterKeys(ui, DEMO_KEYS);
		await waitForText(ui, 'Save it in the OS keychain');
		await ui.press('enter');
		await waitForText(ui, 'Which project?');
		// The simulator is on this machine: its keys never go to the default profile.
		assert.match(ui.frame(), /Saved as profile “simulator”/);
		assert.equal(keychain ? keychain.stored.get('simulator') : await realKeychainSecret('simulator'), DEMO_KEYS.privateKey);
		await ui.press('enter');
		await chooseRole(ui, DEMO_ROLE_IDS.productionArchive);
		await typeBucket(ui, 'acme-atlas-snapshots-eu');
		await waitForText(ui, 'Register this export bucket?');
		await waitForText(ui, `POST ${simulator.baseUrl}/api/atlas/v2/groups/${DEMO_PROJECTS.production.id}/backup/exportBuckets`);
		assert.match(ui.frame(), /Demo Production \(6650a1f2c3d4e5f6a7b8c9d0\)/);
		assert.match(ui.frame(), /atlas-backup-archive/);
		assert.equal(creates().length, 0, 'nothing is sent before Create');
		await ui.press('enter');
		await waitForText(ui, '✔ Export bucket registered.');
		const frame = ui.frame();
		assert.match(frame, /Bucket\s+acme-atlas-snapshots-eu/);
		assert.doesNotMatch(frame, /Region/, 'the recorded create answer has no region, and the wizard does not invent one');
		assert.match(frame, new RegExp(`--project-id ${DEMO_PROJECTS.production.id} --iam-role-id\\s+${DEMO_ROLE_IDS.productionArchive}`));
		assert.match(frame, /--profile simulator/);
		assert.equal(creates().length, 1);
		assert.deepEqual(JSON.parse(creates()[0]!.body!), {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive});
		await ui.press('enter');
		assert.equal(ui.exitCode(), 0);
		assertNoSecretShown(ui);
		await ui.dispose();
	});

	test('wrong keys, then the right keys', async () => {
		const ui = await startSession();
		await enterKeys(ui, {publicKey: DEMO_KEYS.publicKey, privateKey: 'not-the-right-private-key'});
		await waitForText(ui, /401/);
		assert.match(ui.frame(), /Public key: demokeyq/);
		await ui.press('enter');
		// The refused private key is gone: the corrected one is typed into an empty field, not after it.
		assert.match(await waitForText(ui, 'Private key:'), /Private key: ?\n/);
		await ui.type(DEMO_KEYS.privateKey);
		await ui.press('enter');
		await waitForText(ui, 'Save it in the OS keychain');
		assertNoSecretShown(ui);
		assert.ok(!ui.allFrames().includes('not-the-right-private-key'));
		await ui.dispose();
	});

	test('an IP not on the access list: 403 with the fix, back on the key step', async () => {
		simulator.controls.setAccessList(['203.0.113.7']);
		const ui = await startSession();
		await enterKeys(ui, DEMO_KEYS);
		await waitForText(ui, /access list/i);
		assert.match(ui.frame(), /127\.0\.0\.1/);
		assert.match(ui.frame(), /Public key:/);
		simulator.controls.setAccessList(null);
		await ui.press('enter');
		await waitForText(ui, 'Private key:');
		await ui.type(DEMO_KEYS.privateKey);
		await ui.press('enter');
		await waitForText(ui, 'Save it in the OS keychain');
		await ui.dispose();
	});

	test('Demo Sandbox (no roles) to a registered bucket: set up a new role, policies written, the demo ARN authorized', async () => {
		const cwd = mkdtempSync(path.join(tmpdir(), 'wizard-policies-'));
		const ui = await startSession({cwd});
		await toSandboxGoAhead(ui, 'acme-atlas-snapshots');
		await ui.press('enter');
		await waitForText(ui, 'Write both documents to files');
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		const files = readdirSync(cwd).sort();
		assert.equal(files.length, 2);
		const trust = JSON.parse(readFileSync(path.join(cwd, files.find(name => name.includes('trust'))!), 'utf8')) as {Statement: Array<{Condition: {StringEquals: Record<string, string>}}>};
		const [created] = (await createAtlasClient({baseUrl: simulator.baseUrl, keys: DEMO_KEYS}).listCloudProviderAccess(DEMO_PROJECTS.sandbox.id)).awsIamRoles;
		assert.equal(trust.Statement[0]!.Condition.StringEquals['sts:ExternalId'], created!.atlasAssumedRoleExternalId, 'this role\'s own external id');
		await typeSlowly(ui, DEMO_AWS_ROLE_ARNS.wizardNew);
		await ui.press('enter');
		await waitForText(ui, 'Which S3 bucket should receive the snapshots?');
		assert.match(ui.frame(), /Bucket: acme-atlas-snapshots/, 'the set-up\'s bucket is carried on');
		assert.match(ui.frame(), new RegExp(`✔ Role\\s+atlas-export-wizard · ${created!.roleId}`));
		// Enter is taken once the step has read the buckets already registered (the name is then ticked).
		await waitForText(ui, '✔ acme-atlas-snapshots');
		await ui.press('enter');
		await waitForText(ui, '❯ Create');
		await ui.press('enter');
		await waitForText(ui, '✔ Export bucket registered.');
		rmSync(cwd, {recursive: true, force: true});
		await ui.dispose();
	});

	test('leaving the role set-up for the role list keeps its bucket: set up again, it is shown to confirm', async () => {
		const ui = await startSession();
		await toSandboxGoAhead(ui, 'acme-atlas-snapshots');
		await ui.press('escape');
		await waitForText(ui, 'Which S3 bucket will Atlas export to?');
		await ui.press('escape');
		await waitForText(ui, '❯ Set up a new role');
		assert.doesNotMatch(ui.frame(), /Which S3 bucket/, 'on the role list');
		await ui.press('enter');
		await waitForText(ui, 'Which S3 bucket will Atlas export to?');
		assert.match(ui.frame(), /Bucket: acme-atlas-snapshots/);
		await ui.press('enter');
		await waitForText(ui, '❯ Create the role in Atlas');
		await ui.dispose();
	});

	test('an unauthorized role offers “Authorize it”; typed, it is still refused', async () => {
		const ui = await startSession();
		await toRoles(ui, 'Production');
		await waitForText(ui, `Authorize it: ${DEMO_ROLE_IDS.productionUnauthorized}`);
		for (let step = 0; step < 8 && !ui.frame().includes('❯ Type an Atlas role id'); step++) await ui.press('down');
		assert.match(ui.frame(), /❯ Type an Atlas role id/);
		await ui.press('enter');
		await typeSlowly(ui, DEMO_ROLE_IDS.productionUnauthorized);
		await waitForText(ui, 'not authorized yet');
		await ui.press('enter');
		assert.match(ui.frame(), /Role id:/);
		await ui.dispose();
	});

	test('bad names are caught before anything is sent; a registered bucket leads on to exporting, not a second registration; Ctrl-C exits with 130', async () => {
		const ui = await startSession();
		await toRoles(ui, 'Production');
		await chooseRole(ui, DEMO_ROLE_IDS.productionExport);
		await typeBucket(ui, 'Bad_Name');
		await waitForText(ui, /upper-case|may only contain/);
		for (let index = 0; index < 8; index++) await ui.press('backspace');
		await waitForText(ui, 'Bucket:');
		await typeSlowly(ui, 'acme-atlas-snapshots');
		await waitForText(ui, 'is already registered in this project');
		assert.match(ui.frame(), /Bucket:/);
		await ui.press('enter');
		await waitForText(ui, 'What next with acme-atlas-snapshots?');
		assert.match(ui.frame(), /❯ Export a snapshot now/);
		assert.equal(creates().length, 0);
		const requests = simulator.log.length;
		await ui.press('ctrlC');
		assert.equal(ui.exitCode(), 130);
		assert.equal(simulator.log.length, requests, 'nothing is sent after the cancel');
		await ui.dispose();
	});

	test('CANNOT_ASSUME_ROLE, then the opt-in wait shows each attempt and succeeds once IAM has propagated', async () => {
		const admin = createAtlasClient({baseUrl: simulator.baseUrl, keys: DEMO_KEYS});
		const role = await admin.createAwsRole(DEMO_PROJECTS.production.id);
		// Propagation is released on command once the wait has shown a failed attempt: no race with the clock.
		simulator.controls.holdIamPropagation({stages: ['create']});
		await admin.authorizeAwsRole(DEMO_PROJECTS.production.id, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
		const ui = await startSession();
		await toSummary(ui, 'Production', role.roleId, DEMO_WRITABLE_BUCKETS[1]!.name);
		await ui.press('enter');
		await waitForText(ui, 'The export bucket was not registered.');
		assert.match(ui.frame(), /CANNOT_ASSUME_ROLE|assume/);
		assert.match(ui.frame(), /❯ Wait for IAM to propagate and retry/);
		assert.equal(creates().length, 1);
		await ui.press('enter');
		await waitForText(ui, '✗ attempt 1 at 0 s: CANNOT_ASSUME_ROLE');
		assert.doesNotMatch(ui.frame(), /Export bucket registered/);
		simulator.controls.releaseIamPropagation();
		await waitForText(ui, '✔ Export bucket registered.', 15_000);
		assert.ok(creates().length >= 3);
		assert.ok(creates().slice(0, -1).every(entry => entry.errorCode === 'CANNOT_ASSUME_ROLE'));
		assert.equal(creates().at(-1)!.status, 200);
		await ui.dispose();
	});

	test('Esc during the wait stops it after the attempt in flight; every answer is kept and nothing more is sent', async () => {
		const admin = createAtlasClient({baseUrl: simulator.baseUrl, keys: DEMO_KEYS});
		const role = await admin.createAwsRole(DEMO_PROJECTS.production.id);
		simulator.controls.holdIamPropagation({stages: ['create']});
		await admin.authorizeAwsRole(DEMO_PROJECTS.production.id, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
		const ui = await startSession();
		await toSummary(ui, 'Production', role.roleId, DEMO_WRITABLE_BUCKETS[1]!.name);
		await ui.press('enter');
		await waitForText(ui, '❯ Wait for IAM to propagate and retry');
		await ui.press('enter');
		await waitForText(ui, '✗ attempt 1 at 0 s');
		await ui.press('escape');
		await waitForText(ui, 'You stopped waiting after');
		const sent = creates().length;
		assert.equal(ui.exitCode(), undefined, 'Esc does not leave the wizard');
		// Back to the summary: every answer is still there.
		await ui.press('escape');
		await waitForText(ui, 'Register this export bucket?');
		assert.match(ui.frame(), new RegExp(role.roleId));
		assert.match(ui.frame(), new RegExp(DEMO_WRITABLE_BUCKETS[1]!.name));
		assert.equal(creates().length, sent, 'nothing was sent after the stop');
		await ui.dispose();
	});

	test('a whole wait in vain ends in a conclusion with the real values, not the same offer again', async () => {
		const ui = await startSession({iamWaitMs: 1});
		await toSummary(ui, 'Production', DEMO_ROLE_IDS.productionArchive, 'acme-locked-audit-logs');
		await ui.press('enter');
		await waitForText(ui, '❯ Wait for IAM to propagate and retry');
		await ui.press('enter');
		await waitForText(ui, 'Atlas still cannot assume');
		const frame = ui.frame();
		assert.match(frame, /arn:aws:iam::123456789012:role\/atlas-backup-archive/);
		assert.match(frame, /sts:ExternalId = [\da-f-]{36}/);
		assert.match(frame, /arn:aws:s3:::acme-locked-audit-logs/);
		assert.doesNotMatch(frame, /Wait for IAM to propagate/);
		await ui.dispose();
	});

	test('the create is carried out but its answer is lost: Retry lists first and finds it, nothing is sent twice', async () => {
		simulator.controls.injectFault({kind: 'lostAnswer', method: 'POST', path: '/backup/exportBuckets', times: 1});
		const ui = await startSession();
		await toSummary(ui, 'Production', DEMO_ROLE_IDS.productionArchive, 'acme-backup-archive');
		await ui.press('enter');
		await waitForText(ui, 'No answer came: Atlas may or may not have registered the bucket.');
		assert.match(ui.frame(), /atlas-export-bucket list --project-id/);
		assert.equal(creates().length, 1);
		await ui.press('enter');
		await waitForText(ui, '✔ Export bucket registered.');
		assert.equal(creates().length, 1, 'found by the list, not registered a second time');
		assert.equal(simulator.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets') && entry.status === 200).length, 1);
		await ui.dispose();
	});

	test('500 on create, then Retry: one create request per confirmed submit, answers kept', async () => {
		simulator.controls.injectFault({kind: 'http500', method: 'POST', path: '/backup/exportBuckets', times: 1});
		const ui = await startSession();
		await toSummary(ui, 'Production', DEMO_ROLE_IDS.productionArchive, 'acme-backup-archive');
		await ui.press('enter');
		await waitForText(ui, 'The export bucket was not registered.');
		assert.match(ui.frame(), /500/);
		assert.equal(creates().length, 1, 'a POST is never retried blindly');
		await ui.press('enter');
		await waitForText(ui, '✔ Export bucket registered.');
		assert.equal(creates().length, 2);
		assert.match(ui.frame(), /Bucket\s+acme-backup-archive/);
		await ui.dispose();
	});

	test('Esc from the summary goes back to the bucket, which can be changed', async () => {
		const ui = await startSession();
		await toSummary(ui, 'Production', DEMO_ROLE_IDS.productionArchive, 'acme-backup-archive');
		await ui.press('escape');
		await waitForText(ui, 'Bucket: acme-backup-archive');
		for (let index = 0; index < 'archive'.length; index++) await ui.press('backspace');
		await typeSlowly(ui, 'xyz');
		await ui.press('enter');
		await waitForText(ui, 'Register this export bucket?');
		assert.match(ui.frame(), /Bucket\s+acme-backup-xyz/);
		assert.match(ui.frame(), /Atlas role id\s+6650b2e3d4f5a6b7c8d9e0f2/, 'the role is kept');
		await ui.dispose();
	});

	test('Cancel on the summary sends nothing and exits with 130', async () => {
		const ui = await startSession();
		await toSummary(ui, 'Analytics', DEMO_ROLE_IDS.analyticsExport, 'acme-analytics-two');
		await ui.press('up');
		await ui.press('enter');
		assert.equal(ui.exitCode(), 130);
		assert.equal(creates().length, 0);
		await ui.dispose();
	});

	test('Ctrl-C while the create is in flight aborts it and sends nothing more', async () => {
		simulator.controls.injectFault({kind: 'latency', method: 'POST', path: '/backup/exportBuckets', latencyMs: 2000});
		const ui = await startSession();
		await toSummary(ui, 'Production', DEMO_ROLE_IDS.productionArchive, 'acme-backup-archive');
		await ui.press('enter');
		await waitForText(ui, 'Registering the export bucket');
		await ui.press('ctrlC');
		assert.equal(ui.exitCode(), 130);
		assert.match(ui.exitNotice() ?? '', /Cancelled while the create request was out: Atlas may have registered the bucket\. See whether it did: atlas-export-bucket list --project-id 6650a1f2c3d4e5f6a7b8c9d0/);
		const count = simulator.log.length;
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.equal(simulator.log.length <= count + 1, true, 'at most the aborted request is logged when it ends');
		assert.doesNotMatch(ui.frame(), /registered\./);
		await ui.dispose();
	});

	test('the demo service account is offered on the key step and reaches the project step through Bearer', async () => {
		const services = createWizardServices({
			baseUrl: simulator.baseUrl,
			env: {},
			profilesDir,
			keychain: fakeKeychain().access,
			demo: {keys: {...DEMO_KEYS}, serviceAccount: {...DEMO_SERVICE_ACCOUNT}, writableBuckets: DEMO_WRITABLE_BUCKETS.map(bucket => bucket.name)},
		});
		const ui = await render(<Wizard services={services} onExit={() => undefined} />);
		await waitForText(ui, `Use the demo service account ${DEMO_SERVICE_ACCOUNT.clientId}`);
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'Which project?', 20_000);
		assert.match(ui.frame(), new RegExp(`Service account\\s+${DEMO_SERVICE_ACCOUNT.clientId}`));
		assert.ok(apiRequests().length > 0 && apiRequests().every(entry => entry.principal === 'serviceAccount'), 'every API call was a service account\'s');
		assert.ok(!ui.allFrames().includes(DEMO_SERVICE_ACCOUNT.clientSecret), 'the client secret is in no frame');
		await ui.dispose();
	});

	test('client id and secret, saved in the keychain; projects listed through Bearer; to a registered bucket', async () => {
		const keychain = realKeyring ? undefined : fakeKeychain();
		const ui = await startSession({keychain: keychain ? keychain.access : 'real'});
		await enterServiceAccount(ui, DEMO_SERVICE_ACCOUNT);
		await waitForText(ui, 'Save it in the OS keychain');
		assert.match(ui.frame(), new RegExp(`Atlas accepted the service account ${DEMO_SERVICE_ACCOUNT.clientId}`));
		await ui.press('enter');
		await waitForText(ui, 'Which project? (3 found)');
		assert.match(ui.frame(), /Saved as profile “simulator”/);
		const stored = keychain ? keychain.stored.get('simulator') : await realKeychainSecret('simulator');
		assert.equal(stored, DEMO_SERVICE_ACCOUNT.clientSecret, 'the client secret is what the keychain holds');
		const profiles = JSON.parse(readFileSync(path.join(profilesDir, 'profiles.json'), 'utf8')) as unknown;
		assert.ok(!JSON.stringify(profiles).includes(DEMO_SERVICE_ACCOUNT.clientSecret), 'the profile file holds no secret');
		assert.match(JSON.stringify(profiles), new RegExp(DEMO_SERVICE_ACCOUNT.clientId));
		await ui.press('enter');
		await chooseRole(ui, DEMO_ROLE_IDS.productionArchive);
		await typeBucket(ui, 'acme-atlas-snapshots-eu');
		await waitForText(ui, 'Register this export bucket?');
		assert.match(await waitForText(ui, 'Request that will be sent'), /credentials via a Bearer token, not shown/);
		// The summary's edit list names the key step by the kind in use.
		await ui.press('down');
		await ui.press('enter');
		assert.match(await waitForText(ui, 'Which answer do you want to change?'), /Service account/);
		await ui.press('escape');
		await waitForText(ui, '❯ Create');
		await ui.press('enter');
		await waitForText(ui, '✔ Export bucket registered.');
		assert.match(ui.frame(), /--profile simulator/);
		assert.equal(creates().length, 1);
		assert.equal(creates()[0]!.principal, 'serviceAccount');
		assert.ok(apiRequests().every(entry => entry.principal === 'serviceAccount' && /^Bearer /.test(entry.headers.authorization ?? '')), 'every API call carried the Bearer token');
		assert.equal(tokenRequests().length, 1, 'one token for the whole walk');
		await ui.press('enter');
		assert.equal(ui.exitCode(), 0);
		assert.ok(!ui.allFrames().includes(DEMO_SERVICE_ACCOUNT.clientSecret), 'the client secret is in no frame');
		await ui.dispose();
	});

	test('a wrong secret: the token endpoint\'s 401 invalid client is explained, the secret emptied and the client id kept', async () => {
		const ui = await startSession();
		const wrong = 'mdb_sa_sk_00000000000000000000000000000000000000ff';
		await enterServiceAccount(ui, {clientId: DEMO_SERVICE_ACCOUNT.clientId, clientSecret: wrong});
		await waitForText(ui, /invalid_client/);
		assert.match(ui.frame(), /Atlas rejected the service account/);
		assert.match(ui.frame(), new RegExp(`Client id: ${DEMO_SERVICE_ACCOUNT.clientId}`));
		assert.deepEqual(tokenRequests().map(entry => entry.status), [401]);
		await ui.press('enter');
		// The refused secret is gone: the corrected one is typed into an empty field, not after it.
		assert.match(await waitForText(ui, 'Client secret:'), /Client secret: ?\n/);
		await typeSlowly(ui, DEMO_SERVICE_ACCOUNT.clientSecret);
		await ui.press('enter');
		await waitForText(ui, 'Save it in the OS keychain');
		assert.ok(!ui.allFrames().includes(wrong) && !ui.allFrames().includes(DEMO_SERVICE_ACCOUNT.clientSecret), 'no secret is in a frame');
		await ui.dispose();
	});

	test('a token refused by the access list: the service account\'s access list is named, back on its form', async () => {
		simulator.controls.setAccessList(['203.0.113.7']);
		const ui = await startSession();
		await enterServiceAccount(ui, DEMO_SERVICE_ACCOUNT);
		await waitForText(ui, /service account's API access list/);
		assert.match(ui.frame(), /Client id:/);
		await ui.dispose();
	});
});
