// The role set-up inside the role step, as answers: the bucket (asked first so the permission policy
// can name it), the go-ahead to change the project, the Atlas side of the role, where the policy
// files went, and the IAM role ARN. The screen shown is the first unanswered one, as in the wizard,
// so Back is one answer undone and a stopped wait keeps everything given so far. No Ink here.
import type {AwsIamRole} from '../../atlas/types.js';

export type RoleSetup = {
	/** "Set up a new role" creates the Atlas side; "Authorize it" resumes an existing unauthorized role. */
	mode: 'new' | 'resume';
	bucket?: string;
	/** The bucket answer taken back with Esc: the question shows it again to edit, not an empty field. */
	draftBucket?: string;
	/** The user agreed to add a role to the project (new roles only). */
	approved?: boolean;
	/** The Atlas side: created here, or the unauthorized role being resumed. */
	role?: AwsIamRole;
	/** Where the policy files were written, and their paths. */
	files?: {dir: string; paths: string[]};
	iamRoleArn?: string;
};

export type SetupScreen = 'bucket' | 'approve' | 'create' | 'policies' | 'arn' | 'authorize';

export function setupScreen(setup: RoleSetup): SetupScreen {
	if (setup.bucket === undefined) return 'bucket';
	if (!setup.role) return setup.approved ? 'create' : 'approve';
	if (!setup.files) return 'policies';
	if (!setup.iamRoleArn) return 'arn';
	return 'authorize';
}

export type SetupAction =
	| {type: 'bucket'; bucket: string}
	| {type: 'approve'}
	| {type: 'created'; role: AwsIamRole}
	| {type: 'files'; dir: string; paths: string[]}
	| {type: 'arn'; iamRoleArn: string}
	/** Instead of creating a new role: authorize one created earlier and never authorized (the bucket kept). */
	| {type: 'pick-up'; role: AwsIamRole}
	/** Undo the latest answer (Esc); undefined when nothing is left, i.e. leave the set-up. */
	| {type: 'back'};

/** What the role step reports: a set-up begun or left, or an answer within it. */
export type RoleSetupEvent = SetupAction | {type: 'start'; setup: RoleSetup} | {type: 'leave'};

/** The set-up after an event (undefined: no set-up, the role list shows). */
export function applySetupEvent(setup: RoleSetup | undefined, event: RoleSetupEvent): RoleSetup | undefined {
	if (event.type === 'start') return event.setup;
	if (event.type === 'leave' || !setup) return undefined;
	return setupReducer(setup, event);
}

export function startSetup(mode: 'new'): RoleSetup;
export function startSetup(mode: 'resume', role: AwsIamRole, bucket?: string): RoleSetup;
export function startSetup(mode: RoleSetup['mode'], role?: AwsIamRole, bucket?: string): RoleSetup {
	return {mode, ...(role ? {role, approved: true} : {}), ...(bucket === undefined ? {} : {bucket})};
}

/** The bucket a set-up has, answered or taken back to edit: what the next set-up starts from when this one is left. */
export function setupBucket(setup: RoleSetup | undefined): string | undefined {
	return setup?.bucket ?? setup?.draftBucket;
}

/** A set-up started again shows the bucket the one left had, to confirm or edit (a given bucket answer wins). */
export function withKeptBucket(setup: RoleSetup, kept: string | undefined): RoleSetup {
	return kept === undefined || setupBucket(setup) !== undefined ? setup : {...setup, draftBucket: kept};
}

export function setupReducer(setup: RoleSetup, action: SetupAction): RoleSetup | undefined {
	switch (action.type) {
		case 'bucket': {
			// Another bucket means other permission-policy files.
			const {files: _files, draftBucket: _draft, ...rest} = setup;
			return {...rest, bucket: action.bucket};
		}

		case 'approve': {
			return {...setup, approved: true};
		}

		case 'created': {
			return {...setup, role: action.role};
		}

		case 'files': {
			return {...setup, files: {dir: action.dir, paths: action.paths}};
		}

		case 'arn': {
			return {...setup, iamRoleArn: action.iamRoleArn};
		}

		case 'pick-up': {
			return startSetup('resume', action.role, setup.bucket);
		}

		case 'back': {
			return undo(setup);
		}
	}
}

function without<K extends keyof RoleSetup>(setup: RoleSetup, key: K): RoleSetup {
	const copy = {...setup};
	delete copy[key];
	return copy;
}

function backToBucket(setup: RoleSetup): RoleSetup {
	const {bucket, ...rest} = setup;
	return bucket === undefined ? rest : {...rest, draftBucket: bucket};
}

/** The answer of the screen before the current one is taken back; leaving the set-up gives undefined. */
function undo(setup: RoleSetup): RoleSetup | undefined {
	switch (setupScreen(setup)) {
		case 'authorize': {
			return without(setup, 'iamRoleArn');
		}

		case 'arn': {
			return without(setup, 'files');
		}

		case 'policies': {
			// A role created in Atlas stays created: back from its policies is the bucket question.
			return backToBucket(setup);
		}

		case 'create': {
			return without(setup, 'approved');
		}

		case 'approve': {
			return backToBucket(setup);
		}

		case 'bucket': {
			return undefined;
		}
	}
}
