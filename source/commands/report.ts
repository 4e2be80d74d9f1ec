// Every failure a command can meet, printed once on stderr as a message and a fix hint, and mapped
// to the exit code. Expected failures never print a stack trace.
import {AtlasError, isAuthFailure} from '../atlas/errors.js';
import {ValidationError} from '../atlas/validation.js';
import {CredentialsError, KeychainError} from '../credentials/errors.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

function isAbort(error: unknown): boolean {
	return error instanceof Error && (error.name === 'AbortError' || (error as {code?: unknown}).code === 'ABORT_ERR');
}

export function reportError(error: unknown, io: CommandIo): number {
	const print = (message: string, hint?: string) => {
		writeLine(io.stderr, `Error: ${message}`);
		if (hint) writeLine(io.stderr, hint);
	};

	// Cancelled after a request that changes something went out: say so, and how to find out.
	if (error instanceof AtlasError && error.kind === 'cancelled') {
		print(error.message, error.hint);
		return ExitCode.cancelled;
	}

	if (isAbort(error) || io.signal?.aborted) {
		writeLine(io.stderr, 'Cancelled.');
		return ExitCode.cancelled;
	}

	if (error instanceof AtlasError) {
		print(error.message, error.hint);
		return isAuthFailure(error) ? ExitCode.auth : ExitCode.failure;
	}

	if (error instanceof ValidationError) {
		print(error.message, error.suggestion === undefined ? undefined : `Did you mean '${error.suggestion}'?`);
		return ExitCode.usage;
	}

	if (error instanceof UsageError) {
		print(error.message, error.hint);
		return ExitCode.usage;
	}

	// A keychain that failed is an error of the machine; missing or unusable keys are a usage error.
	if (error instanceof KeychainError) {
		print(error.message, error.hint);
		return ExitCode.failure;
	}

	if (error instanceof CredentialsError) {
		print(error.message, error.hint);
		return ExitCode.usage;
	}

	// Not expected: still one line, no stack (set ATLAS_EXPORT_BUCKET_DEBUG=1 to see it).
	print(error instanceof Error ? error.message : String(error));
	if (io.env.ATLAS_EXPORT_BUCKET_DEBUG && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
	return ExitCode.failure;
}
