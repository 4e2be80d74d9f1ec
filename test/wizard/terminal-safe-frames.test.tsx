// The wizard's text components show server text inert: a name or message with ESC/OSC/CSI/BEL
// sequences appears as visible escapes in the frame, never as a command to the terminal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {ErrorNotice} from '../../source/wizard/components/error-notice.js';
import {FieldRow} from '../../source/wizard/components/field-row.js';
import {toErrorView} from '../../source/wizard/services.js';

const evil = 'Evil\u001b]0;pwned\u0007\u001b[2J\u009b2J';

test('FieldRow, ErrorNotice and toErrorView: no raw OSC/CSI/BEL from the text in any frame', () => {
	const rendered = render(
		<>
			<FieldRow label="Project" value={evil} />
			<ErrorNotice message={`failed: ${evil}`} hint={`hint ${evil}`} />
			<ErrorNotice message={toErrorView(new Error(`keychain said ${evil}`)).message} />
		</>,
	);
	const frame = rendered.lastFrame() ?? '';
	assert.ok(!frame.includes('\u001b]0;'), 'no OSC');
	assert.ok(!frame.includes('\u001b[2J'), 'no clear screen');
	assert.ok(!frame.includes('\u0007') && !frame.includes('\u009b'), 'no BEL, no C1 CSI');
	assert.equal(frame.split('Evil\\x1B]0;pwned\\x07\\x1B[2J\\x9B2J').length - 1, 4);
	rendered.unmount();
});
