// The conclusion after a whole IAM wait names what to check with the real values; those values are
// also printed whole above the wizard, so one longer than the terminal can still be copied unbroken.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {CopyablePrinter} from '../../../source/wizard/components/copyable.js';
import {IamWaitConclusion} from '../../../source/wizard/iam-wait/iam-wait-view.js';
import {render, resize} from '../helpers.js';

const longArn = 'arn:aws:iam::123456789012:role/service-role/exports/atlas/atlas-export-acme-atlas-snapshots-eu';
const values = {iamRoleArn: longArn, atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', externalId: '633a6bd6-fb25-4526-9d75-6b2975585c04', bucketName: 'acme-atlas-snapshots-eu'};

describe('IamWaitConclusion', () => {
	test('at 40 columns the role ARN, the principal and the external id are each one whole printed line', async () => {
		const ui = await render(
			<CopyablePrinter>
				<IamWaitConclusion attempts={7} budgetMs={60_000} values={values} next="Fix the trust policy, then choose Retry." />
			</CopyablePrinter>,
		);
		await resize(ui, 40);
		const lines = ui.allFrames().split('\n').map(line => line.trimEnd());
		for (const value of [longArn, values.atlasAWSAccountArn, values.externalId]) {
			assert.ok(lines.includes(value), `${value} is not a line of its own:\n${ui.allFrames()}`);
		}

		// The sentences still name them (the frame itself wraps them at the width).
		assert.match(ui.frame().replaceAll(/\s+/g, ' '), /sts:ExternalId = 633a6bd6/);
		await ui.dispose();
	});
});
