import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {checkProjectId} from '../../atlas/validation.js';
import type {Project} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading} from '../components/loading.js';
import {SelectList, type SelectItem} from '../components/select-list.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import {toErrorView, type AtlasErrorView} from '../services.js';
import type {ProjectAnswer} from '../state.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';

/** Above this many projects a list stops helping: the id is typed (as the Atlas CLI does). */
export const MAX_LISTED_PROJECTS = 500;

export type ProjectStepProps = {
	current?: ProjectAnswer;
	/** A project named on the command line, in the environment or by the profile. */
	preselectId?: string;
	/** False when the user came back on purpose: then nothing is picked automatically. */
	auto: boolean;
	onAnswer(project: ProjectAnswer): void;
	onBack(): void;
};

/**
 * Step 2: the project. One project: picked, and the summary says so. Several: a list filtered by
 * typing. None, too many, or the fetch failed: the 24-hex id typed, checked as it is typed.
 */
export function ProjectStep({current, preselectId, auto, onAnswer, onBack}: ProjectStepProps) {
	const {services, connection, signal} = useAtlasSession();
	const [typing, setTyping] = useState(false);
	// A typed id not among the listed projects is looked up (GET /groups/{id}) before moving on.
	const [lookup, setLookup] = useState<{id: string; status: 'checking'} | {id: string; status: 'failed'; error: AtlasErrorView}>();
	const lookupAttempt = useRef(0);
	// Fetched once per visit of the step; with one project (or the one named) the step answers itself.
	const [loaded] = useAsyncLoad(async signal => services.listProjects(connection, signal), [], {
		onLoaded(projects: Project[]) {
			if (!auto) return false;
			const named = preselectId ? projects.find(project => project.id === preselectId) : undefined;
			if (named) {
				onAnswer({id: named.id, name: named.name, how: 'preselected'});
				return true;
			}

			const only = projects.length === 1 ? projects[0] : undefined;
			if (only && !preselectId) {
				onAnswer({id: only.id, name: only.name, how: 'only-project'});
				return true;
			}

			return false;
		},
	});

	if (loaded.status === 'loading') {
		return <Loading label="Fetching the projects this key can see…" onBack={onBack} />;
	}

	const projects = loaded.status === 'loaded' ? loaded.value : [];
	const listable = loaded.status === 'loaded' && projects.length > 0 && projects.length <= MAX_LISTED_PROJECTS;
	const known = (id: string) => projects.find(project => project.id === id);

	const submitTyped = (id: string) => {
		const listed = known(id);
		if (listed) {
			onAnswer({id, name: listed.name, how: 'typed'});
			return;
		}

		const mine = ++lookupAttempt.current;
		setLookup({id, status: 'checking'});
		services.getProject(connection, id, signal).then(
			project => {
				if (lookupAttempt.current === mine && !signal.aborted) onAnswer({id, ...(project.name ? {name: project.name} : {}), how: 'typed'});
			},
			(error: unknown) => {
				if (lookupAttempt.current === mine && !signal.aborted) setLookup({id, status: 'failed', error: toErrorView(error)});
			},
		);
	};

	if (lookup?.status === 'checking') {
		return (
			<Loading
				label={`Checking project ${lookup.id} with Atlas…`}
				onBack={() => {
					lookupAttempt.current++;
					setLookup(undefined);
				}}
			/>
		);
	}

	if (!listable || typing) {
		let why: string | undefined;
		if (loaded.status === 'failed') why = 'The project list could not be fetched.';
		else if (projects.length === 0) why = 'This key lists no projects (an organization key may see none until it is invited to one).';
		else if (projects.length > MAX_LISTED_PROJECTS) why = `This key sees ${projects.length} projects: too many to list.`;
		const initial = lookup?.id ?? current?.id ?? preselectId ?? '';
		return (
			<Box flexDirection="column">
				<Text bold>Atlas project id</Text>
				{why ? <Prose>{why} Type the project id (Atlas UI: Project Settings, or the URL after /v2/).</Prose> : <Prose dimColor>24 hexadecimal characters, from Project Settings in the Atlas UI.</Prose>}
				{loaded.status === 'failed' ? <ErrorNotice message={loaded.error.message} {...(loaded.error.hint ? {hint: loaded.error.hint} : {})} /> : null}
				{lookup?.status === 'failed' ? <ErrorNotice message={lookup.error.message} {...(lookup.error.hint ? {hint: lookup.error.hint} : {})} /> : null}
				<Box marginTop={1}>
					<ValidatedInput
						label="Project id:"
						initialValue={initial}
						check={checkProjectId}
						onSubmit={submitTyped}
						onBack={() => {
							if (listable) setTyping(false);
							else onBack();
						}}
					/>
				</Box>
				<Text dimColor>Enter to continue · Esc to go back</Text>
			</Box>
		);
	}

	const items: Array<SelectItem<ProjectAnswer | 'type'>> = projects.map(project => ({
		key: project.id,
		label: project.name,
		details: [project.id],
		searchText: project.id,
		value: {id: project.id, name: project.name, how: 'listed'},
	}));
	const missing = preselectId && !known(preselectId) ? preselectId : undefined;
	return (
		<Box flexDirection="column">
			<Prose bold>Which project? ({projects.length} found)</Prose>
			{missing ? <Prose color="yellow">Project {missing} is not among this key's projects.</Prose> : null}
			<SelectList
				filterable
				items={items}
				fixedItems={[{key: 'type', label: 'Type a project id instead', value: 'type'}]}
				initialKey={current?.id ?? preselectId}
				limit={6}
				onSelect={value => {
					if (value === 'type') setTyping(true);
					else onAnswer(value);
				}}
				onBack={onBack}
			/>
			<Prose dimColor>↑/↓ to move · type to filter · Enter to choose · Esc to go back</Prose>
		</Box>
	);
}
