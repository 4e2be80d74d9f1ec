import React, {useEffect, useState} from 'react';
import {Text} from 'ink';
import {useWizardContext} from '../services-context.js';

/** The demo's banner (one line at 80 columns); the address joins it once the simulator listens, after the first frame. */
export function DemoNote() {
	const {services} = useWizardContext();
	const listening = services.demo?.listening;
	const [started, setStarted] = useState(!listening);
	useEffect(() => {
		let mounted = true;
		listening?.then(
			() => {
				if (mounted) setStarted(true);
			},
			() => {},
		);
		return () => {
			mounted = false;
		};
	}, [listening]);
	const at = started ? ` at ${services.target().baseUrl}` : '';
	return <Text color="magenta">Demo: Atlas simulator{at}; nothing leaves this machine.</Text>;
}
