// The floor for the first-frame figure: the smallest Ink app with one text input, bundled and
// minified like dist/cli.js (stock Ink: none of the build's start-up plugins). bench/run.mjs bundles
// it into bench/results/ and times its first frame in the same pty harness.
import React, {useState} from 'react';
import {render, Box, Text} from 'ink';
import TextInput from 'ink-text-input';

function Hello() {
	const [name, setName] = useState('');
	return React.createElement(Box, null, React.createElement(Text, null, 'Your name: '), React.createElement(TextInput, {value: name, onChange: setName}));
}

render(React.createElement(Hello));
