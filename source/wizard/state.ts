// The wizard's answers and the rules that tie them together. The screen shown is derived from this
// state (the first question not yet answered, or the one being edited), so Back and Edit are plain
// state changes and a test can check every rule without rendering anything.
import type {IamWaitOutcome, IamWaitProgress} from './iam-wait/retry-while-propagating.js';
import {applySetupEvent, setupBucket, withKeptBucket, type RoleSetup, type RoleSetupEvent} from './role-setup/setup-state.js';
import type {AtlasErrorView} from './services.js';
import {identityOf, type ApiVersion, type AtlasCredentials, type ExportBucket} from '../atlas/types.js';

export const steps = ['credentials', 'project', 'role', 'bucket', 'confirm', 'result', 'export'] as const;
export type Step = (typeof steps)[number];
/** The steps that hold an answer the user can edit. */
export type EditableStep = 'credentials' | 'project' | 'role' | 'bucket';
export const editableSteps: readonly EditableStep[] = ['credentials', 'project', 'role', 'bucket'];

/** An API key pair or a service account, and where it came from. */
export type CredentialsAnswer = AtlasCredentials & {
	source: 'profile' | 'env' | 'typed' | 'demo';
	profileName?: string;
	/** A stored profile may carry its own base URL, API version and default project. */
	baseUrl?: string;
	apiVersion?: ApiVersion;
	projectId?: string;
};

export type ProjectAnswer = {
	id: string;
	name?: string;
	/** Picked without asking (the key sees one project, or --project-id named it). */
	how?: 'only-project' | 'preselected' | 'listed' | 'typed';
};

export type RoleAnswer = {
	roleId: string;
	iamAssumedRoleArn?: string;
	/** What the role's trust policy must name (from Atlas's role list): shown when Atlas cannot assume it. */
	atlasAWSAccountArn?: string;
	externalId?: string;
};

/** The IAM wait during a send: each failed attempt, and whether the user asked to stop. */
export type SendingIamWait = {attempts: IamWaitProgress[]; stopping: boolean};

/** How a wait for IAM ended, when the send waited: the budget spent, or stopped by the user. */
export type WaitEnding = {ended: Extract<IamWaitOutcome<unknown>, {status: 'failed'}>['ended']; attempts: number};

export type Submission =
	| {status: 'sending'; attempt: number; iamWait?: SendingIamWait}
	| {status: 'succeeded'; attempt: number; bucket: ExportBucket}
	| {status: 'failed'; attempt: number; error: AtlasErrorView; waited?: WaitEnding};

export type WizardState = {
	credentials?: CredentialsAnswer;
	project?: ProjectAnswer;
	role?: RoleAnswer;
	bucket?: string;
	/** The user chose Create on the summary. */
	confirmed: boolean;
	/** A step chosen through Back or Edit; cleared once that step is answered. */
	editing?: EditableStep;
	/**
	 * Answers set aside when the keys changed: they come back if the new key picks the same project
	 * (the role and bucket depend only on the project), and are dropped otherwise.
	 */
	setAside?: {project: ProjectAnswer; role?: RoleAnswer; bucket?: string};
	submission?: Submission;
	/** The role set-up in progress on the role step (its answers survive Back and a stopped wait). */
	roleSetup?: RoleSetup;
	/** The bucket named during the role set-up: the bucket step starts with it. */
	bucketDraft?: string;
	/** Whether the verified keys were saved (or why not); shown once after the credentials step. */
	keychainNote?: string;
	/**
	 * A registered bucket the user goes on with: just registered, or already registered when the
	 * bucket step found it. While set, the export screens are shown (export a snapshot, automatic export).
	 */
	exporting?: {bucket: ExportBucket; goal?: 'export' | 'auto'};
};

export type WizardAction =
	| {type: 'answer-credentials'; credentials: CredentialsAnswer}
	| {type: 'answer-project'; project: ProjectAnswer}
	| {type: 'answer-role'; role: RoleAnswer}
	| {type: 'answer-bucket'; bucket: string}
	| {type: 'confirm'}
	| {type: 'back'}
	| {type: 'edit'; step: EditableStep}
	| {type: 'send-started'}
	| {type: 'iam-wait'; progress: SendingIamWait}
	| {type: 'send-succeeded'; bucket: ExportBucket}
	| {type: 'send-failed'; error: AtlasErrorView; waited?: WaitEnding}
	| {type: 'keychain-note'; note: string | undefined}
	| {type: 'use-bucket'; bucket: ExportBucket; goal?: 'export' | 'auto'}
	| {type: 'leave-export'}
	| {type: 'role-setup'; event: RoleSetupEvent}
	/** The set-up authorized its role: it becomes the answer, its bucket the bucket step's start. */
	| {type: 'role-set-up'; role: RoleAnswer};

export const initialState: WizardState = {confirmed: false};

export function createInitialState(preset: Partial<Pick<WizardState, 'project'>> = {}): WizardState {
	return {...initialState, ...preset};
}

/** The first question without an answer, unless the user is editing an earlier one. */
export function currentStep(state: WizardState): Step {
	if (state.exporting) return 'export';
	if (state.editing) return state.editing;
	if (!state.credentials) return 'credentials';
	if (!state.project) return 'project';
	if (!state.role) return 'role';
	if (state.bucket === undefined) return 'bucket';
	if (!state.confirmed) return 'confirm';
	return 'result';
}

/** The step before this one in the flow (Back); the result's is the summary. */
export function previousStep(step: Step): EditableStep | 'confirm' | undefined {
	return steps[steps.indexOf(step) - 1] as EditableStep | 'confirm' | undefined;
}

/** Every change of answers also withdraws a confirmation and a finished or failed submission. */
function answered(state: WizardState, changes: Partial<WizardState>): WizardState {
	return {...state, ...changes, editing: undefined, confirmed: false, submission: undefined};
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'answer-credentials': {
			const {credentials} = action;
			const sameKey = state.credentials !== undefined && identityOf(state.credentials) === identityOf(credentials);
			if (sameKey || !state.project) {
				return answered(state, {credentials, keychainNote: undefined});
			}

			// Another key may not see the project: ask again, keeping the old answers at hand.
			return answered(state, {
				credentials,
				keychainNote: undefined,
				project: undefined,
				role: undefined,
				bucket: undefined,
				setAside: {project: state.project, role: state.role, bucket: state.bucket},
			});
		}

		case 'answer-project': {
			const {project} = action;
			const {setAside} = state;
			if (state.project?.id === project.id) {
				return answered(state, {project, setAside: undefined});
			}

			if (setAside && setAside.project.id === project.id) {
				return answered(state, {project, role: setAside.role, bucket: setAside.bucket, setAside: undefined});
			}

			// Roles and export buckets belong to a project: a new project clears them.
			return answered(state, {project, role: undefined, bucket: undefined, setAside: undefined, roleSetup: undefined, bucketDraft: undefined});
		}

		case 'answer-role': {
			// The bucket name does not depend on the role: it is kept.
			return answered(state, {role: action.role, roleSetup: undefined});
		}

		case 'answer-bucket': {
			return answered(state, {bucket: action.bucket});
		}

		case 'confirm': {
			if (currentStep(state) !== 'confirm' || !state.credentials || !state.project || !state.role || state.bucket === undefined) {
				return state;
			}

			return {...state, editing: undefined, confirmed: true, submission: undefined};
		}

		case 'back': {
			const step = currentStep(state);
			if (step === 'export') return {...state, exporting: undefined};
			// Nothing to go back to from the first step, and nothing to undo while sending or after success.
			if (step === 'result' && state.submission?.status !== 'failed') return state;
			const previous = previousStep(step);
			if (!previous) return state;
			return {...state, editing: previous === 'confirm' ? undefined : previous, confirmed: false, submission: undefined};
		}

		case 'edit': {
			if (state.submission?.status === 'sending') return state;
			return {...state, editing: action.step, confirmed: false, submission: undefined};
		}

		case 'send-started': {
			// Once registered (or while a request is out) there is nothing more to send.
			if (!state.confirmed || state.submission?.status === 'succeeded' || state.submission?.status === 'sending') return state;
			const attempt = (state.submission?.attempt ?? 0) + 1;
			return {...state, submission: {status: 'sending', attempt}};
		}

		case 'iam-wait': {
			if (state.submission?.status !== 'sending') return state;
			return {...state, submission: {...state.submission, iamWait: action.progress}};
		}

		case 'send-succeeded': {
			if (state.submission?.status !== 'sending') return state;
			return {...state, submission: {status: 'succeeded', attempt: state.submission.attempt, bucket: action.bucket}};
		}

		case 'send-failed': {
			if (state.submission?.status !== 'sending') return state;
			return {...state, submission: {status: 'failed', attempt: state.submission.attempt, error: action.error, ...(action.waited ? {waited: action.waited} : {})}};
		}

		case 'keychain-note': {
			return {...state, keychainNote: action.note};
		}

		case 'use-bucket': {
			// Only a bucket Atlas has: the one just registered, or one the bucket step found registered.
			if (state.submission?.status === 'sending' || !state.project) return state;
			return {...state, exporting: {bucket: action.bucket, ...(action.goal ? {goal: action.goal} : {})}};
		}

		case 'leave-export': {
			return {...state, exporting: undefined};
		}

		case 'role-setup': {
			// Leaving the set-up for the role list keeps its bucket (bucketDraft); starting one again starts from it.
			const event = action.event.type === 'start' ? {...action.event, setup: withKeptBucket(action.event.setup, state.bucketDraft)} : action.event;
			const roleSetup = applySetupEvent(state.roleSetup, event);
			if (roleSetup) return {...state, roleSetup};
			const {roleSetup: left, ...rest} = state;
			const kept = setupBucket(left);
			return kept === undefined ? rest : {...rest, bucketDraft: kept};
		}

		case 'role-set-up': {
			// On to the bucket step (asked again, starting from the set-up's bucket) with the new role.
			const draft = state.roleSetup?.bucket ?? state.bucket;
			return answered(state, {role: action.role, roleSetup: undefined, bucket: undefined, ...(draft === undefined ? {} : {bucketDraft: draft})});
		}
	}
}
