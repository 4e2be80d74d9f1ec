// What the screencast shows, as data: the wizard's main path in --demo, one beat per thing a person
// does, each with what the screen shows once it has taken effect and how long a reader looks at it.
// When the wizard changes, this list changes; `npm test` runs it against the built CLI, so it can never
// silently show an older UI.
export type Beat = {
	/** What this beat is, for error messages. */
	what: string;
	/** Keys by tmux name, pressed after the previous beat settled. */
	keys?: string[];
	/** Text typed one character at a time, at a person's pace. */
	type?: string;
	/** The beat has taken effect once the screen's plain text contains this. */
	until: string;
	/** Seconds the settled screen stays in the recording. */
	hold: number;
	/** Render this settled screen as a still SVG too: `docs/<still>.svg`. */
	still?: string;
};

/** Seconds between two typed characters. */
export const TYPING_PACE = 0.09;

export const mainPath: Beat[] = [
	{what: 'the first question', until: 'Which Atlas credentials?', hold: 2},
	{what: 'the demo key', keys: ['Enter'], until: 'Which project?', hold: 2},
	{what: 'Demo Production', keys: ['Enter'], until: 'Which AWS IAM role', hold: 2.5},
	{what: 'the authorized role', keys: ['Enter'], until: 'Which S3 bucket', hold: 1.5},
	{what: 'the bucket name', type: 'acme-atlas-snapshots-eu', until: 'acme-atlas-snapshots-eu', hold: 1},
	{what: 'the summary', keys: ['Enter'], until: 'Register this export bucket?', hold: 3},
	{what: 'Show request', keys: ['Down', 'Down'], until: '❯ Show request', hold: 0.6},
	{what: 'the exact request', keys: ['Enter'], until: 'Request that will be sent', hold: 4, still: 'confirm'},
	{what: 'back to Create', keys: ['Up', 'Up'], until: '❯ Create', hold: 0.6},
	{what: 'Create', keys: ['Enter'], until: 'Export bucket registered.', hold: 3},
	{what: 'the offer to export a snapshot', keys: ['Up', 'Up'], until: '❯ Export a snapshot now', hold: 2},
	// The clusters and why some cannot export; the snapshots after them are dated from now, so the
	// recording stops here to stay the same from run to run.
	{what: 'the clusters that can export', keys: ['Enter'], until: "Which cluster's snapshot should be exported?", hold: 5},
];

/** The text that proves the recording went through the registration. */
export const FINISHED = 'Export bucket registered.';
