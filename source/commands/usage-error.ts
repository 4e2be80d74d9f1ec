// A command used wrongly (a missing option, a refusal to act without --yes): exit 2, nothing sent.
export class UsageError extends Error {
	override readonly name = 'UsageError';
	readonly hint: string | undefined;

	constructor(message: string, hint?: string) {
		super(message);
		this.hint = hint;
	}
}
