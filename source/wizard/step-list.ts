// The wizard's steps as data: their titles, which of them count as numbered questions, and what an
// answered step shows above the current one. The header's "step N of M" and the answered rows are
// derived from this list, so a new step is one entry here (and its screen), not an edit of the layout.
import {identityOf, isServiceAccount, type AtlasCredentials} from '../atlas/types.js';
import {roleNameFromArn} from '../atlas/validation.js';
import type {CredentialsAnswer, ProjectAnswer, Step, WizardState} from './state.js';
import {steps} from './state.js';

/** One answered question as the header repeats it above the current step. */
export type AnsweredRow = {label: string; value: string; note?: string};

export type StepDefinition = {
	title: string;
	/** Counted in "step N of M" (the result is not a question: it keeps the last question's number). */
	counted: boolean;
	/** Shows the answered steps above itself (the summary and the result show their own). */
	showsAnswers: boolean;
	/** How this step's answer reads once given; nothing for steps without an answer row. */
	answered?(state: WizardState, current: Step): AnsweredRow | undefined;
};

/** What the credentials are called on screen: the answered row, the edit lists, the offers to go back. */
export function credentialsLabel(credentials: AtlasCredentials | undefined): 'Service account' | 'API key' {
	return credentials && isServiceAccount(credentials) ? 'Service account' : 'API key';
}

function keySource(credentials: CredentialsAnswer): string | undefined {
	if (credentials.source === 'profile') return `profile “${credentials.profileName}”`;
	if (credentials.source === 'env') return 'environment';
	if (credentials.source === 'demo') return 'demo';
	return undefined;
}

function projectNote(how: ProjectAnswer['how']): string | undefined {
	if (how === 'only-project') return 'the only project this key can see';
	if (how === 'preselected') return 'chosen with --project-id / MONGODB_ATLAS_PROJECT_ID / the profile';
	return undefined;
}

// Keyed by step: the order is the state's (`steps`), defined once there.
const definitions: Record<Step, StepDefinition> = {
	credentials: {
		title: 'Credentials',
		counted: true,
		showsAnswers: true,
		answered({credentials, keychainNote, project}, current) {
			if (!credentials) return undefined;
			const source = keySource(credentials);
			// Whether the key was saved is read on the first question after the key step, then gone
			// (the project's when it was asked, else the role's).
			const projectAsked = project === undefined || project.how === 'typed' || project.how === 'listed';
			const noteShown = keychainNote && (current === 'project' || (current === 'role' && !projectAsked));
			const label = credentialsLabel(credentials);
			const id = identityOf(credentials);
			return {label, value: source ? `${id} (${source})` : id, ...(noteShown ? {note: keychainNote} : {})};
		},
	},
	project: {
		title: 'Project',
		counted: true,
		showsAnswers: true,
		answered({project}) {
			if (!project) return undefined;
			const note = projectNote(project.how);
			return {label: 'Project', value: project.name ? `${project.name} (${project.id})` : project.id, ...(note ? {note} : {})};
		},
	},
	role: {
		title: 'IAM role',
		counted: true,
		showsAnswers: true,
		answered({role}) {
			if (!role) return undefined;
			// The IAM role name people know first, Atlas's role id beside it.
			const name = roleNameFromArn(role.iamAssumedRoleArn);
			return {label: 'Role', value: name ? `${name} · ${role.roleId}` : role.roleId};
		},
	},
	bucket: {title: 'S3 bucket', counted: true, showsAnswers: true},
	confirm: {title: 'Confirm', counted: true, showsAnswers: false},
	result: {title: 'Register', counted: false, showsAnswers: false},
	export: {title: 'Export', counted: false, showsAnswers: false},
};

/** Whether `step` comes before `other` in the flow. */
export function isBefore(step: Step, other: Step): boolean {
	return steps.indexOf(step) < steps.indexOf(other);
}

/** The header's place in the flow: the numbered questions, and which of them this step is (or follows). */
export function stepPosition(step: Step): {position: number; count: number; title: string} {
	const counted = (ids: readonly Step[]) => ids.filter(id => definitions[id].counted).length;
	return {position: counted(steps.slice(0, steps.indexOf(step) + 1)), count: counted(steps), title: definitions[step].title};
}

/** The answers given before `step`, as the header repeats them (none on screens that show their own). */
export function answeredRows(state: WizardState, step: Step): AnsweredRow[] {
	if (!definitions[step].showsAnswers) return [];
	return steps.filter(id => isBefore(id, step)).flatMap(id => definitions[id].answered?.(state, step) ?? []);
}
