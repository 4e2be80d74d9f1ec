import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {ProjectStep} from '../../../source/wizard/steps/project.js';
import type {ProjectAnswer} from '../../../source/wizard/state.js';
import {fakeServices, goodKeys, projects} from '../fake-services.js';
import {renderWith, waitFor, waitForText} from '../helpers.js';

function collect() {
	const answers: ProjectAnswer[] = [];
	let backs = 0;
	return {answers, backs: () => backs, props: {onAnswer: (answer: ProjectAnswer) => answers.push(answer), onBack: () => void backs++}};
}

describe('ProjectStep', () => {
	test('several projects: a list filtered by typing, with arrows and Enter', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto />);
		await waitForText(ui, 'Which project? (3 found)');
		assert.match(ui.frame(), /❯ Production/);
		await ui.press('down');
		assert.match(ui.frame(), /❯ Sandbox/);
		await ui.type('a');
		await ui.type('n');
		await ui.type('a');
		assert.match(ui.frame(), /Filter: ana \(1 of 3\)/);
		assert.doesNotMatch(ui.frame(), /Sandbox/);
		await ui.press('escape');
		assert.match(ui.frame(), /Sandbox/, 'Esc clears the filter first');
		assert.equal(out.backs(), 0);
		for (const char of '9d1') await ui.type(char);
		assert.match(ui.frame(), /❯ Sandbox/, 'the filter matches ids too');
		await ui.press('enter');
		assert.deepEqual(out.answers, [{id: projects[1]!.id, name: 'Sandbox', how: 'listed'}]);
		await ui.type('zzz');
		await waitForText(ui, 'Nothing matches');
		await ui.dispose();
	});

	test('one project is picked without asking; when the user came back it is listed', async () => {
		const {services} = fakeServices({listProjects: async () => [projects[0]!]});
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto />);
		await waitFor(() => out.answers.length === 1);
		assert.equal(out.answers[0]!.how, 'only-project');
		await ui.dispose();

		const again = collect();
		const ui2 = await renderWith(services, <ProjectStep {...again.props} auto={false} />);
		await waitForText(ui2, 'Which project? (1 found)');
		assert.equal(again.answers.length, 0);
		await ui2.press('escape');
		assert.equal(again.backs(), 1);
		await ui2.dispose();
	});

	test('--project-id pre-selects a listed project', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto preselectId={projects[2]!.id} />);
		await waitFor(() => out.answers.length === 1);
		assert.deepEqual(out.answers[0], {id: projects[2]!.id, name: 'Analytics', how: 'preselected'});
		await ui.dispose();
	});

	test('no projects: the id is typed and validated as it is typed', async () => {
		const {services} = fakeServices({listProjects: async () => []});
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto />);
		await waitForText(ui, 'This key lists no projects');
		await ui.type('6650');
		await waitForText(ui, 'this one has 4 characters');
		await ui.press('enter');
		assert.equal(out.answers.length, 0);
		await ui.type('A1F2C3D4E5F6A7B8C9D0');
		await waitForText(ui, 'written in lower case');
		await ui.press('tab');
		await waitForText(ui, '✔ 6650a1f2c3d4e5f6a7b8c9d0');
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.deepEqual(out.answers, [{id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'Production', how: 'typed'}]);
		await ui.dispose();
	});

	test('a typed id is checked with Atlas (GET /groups/{id}) before moving on: an unknown one stays here with the reason', async () => {
		const {services, calls} = fakeServices({listProjects: async () => []});
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto />);
		await waitForText(ui, 'This key lists no projects');
		await ui.type('0123456789abcdef01234567\r');
		await waitForText(ui, 'No project with id 0123456789abcdef01234567.');
		assert.match(ui.frame(), /Check the project id\./);
		assert.match(ui.frame(), /Project id: 0123456789abcdef01234567/);
		assert.equal(out.answers.length, 0);
		assert.deepEqual(calls.filter(call => call.method === 'getProject').map(call => call.args[0]), ['0123456789abcdef01234567']);
		await ui.dispose();
	});

	test('a failed fetch shows why and asks for the id; more than 500 projects too', async () => {
		const failing = fakeServices({listProjects: async () => Promise.reject(Object.assign(new Error('Atlas did not answer (timeout).'), {hint: 'Check the network.'}))});
		const out = collect();
		const ui = await renderWith(failing.services, <ProjectStep {...out.props} auto />);
		await waitForText(ui, 'The project list could not be fetched.');
		assert.match(ui.frame(), /Atlas did not answer \(timeout\)\./);
		assert.match(ui.frame(), /Check the network\./);
		await ui.press('escape');
		assert.equal(out.backs(), 1);
		await ui.dispose();

		const many = Array.from({length: 501}, (_, index) => ({id: index.toString(16).padStart(24, '0'), name: `p${index}`}));
		const big = fakeServices({listProjects: async () => many});
		const ui2 = await renderWith(big.services, <ProjectStep {...collect().props} auto />);
		await waitForText(ui2, 'This key sees 501 projects: too many to list.');
		await ui2.dispose();
	});

	test('"Type a project id instead" switches to typing; Esc returns to the list', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <ProjectStep {...out.props} auto />);
		await waitForText(ui, 'Type a project id instead');
		await ui.press('up');
		await ui.press('enter');
		await waitForText(ui, 'Project id:');
		await ui.press('escape');
		await waitForText(ui, 'Which project?');
		assert.equal(out.backs(), 0);
		await ui.dispose();
	});
});

describe('ProjectStep while fetching', () => {
	test('Esc during the fetch goes back', async () => {
		const {services} = fakeServices({listProjects: async () => new Promise(() => {})});
		let backs = 0;
		const ui = await renderWith(services, <ProjectStep auto onAnswer={() => {}} onBack={() => void backs++} />);
		await waitForText(ui, 'Fetching the projects this key can see');
		await ui.press('escape');
		assert.equal(backs, 1);
		await ui.dispose();
	});
});
