// `simulator`: the embedded Atlas in the foreground, until Ctrl-C or SIGTERM.
import {ExitCode} from './exit-codes.js';
import type {CommandIo} from './io.js';
import type {SimulatorCommandOptions} from './options.js';
import {reportError} from './report.js';

export async function runSimulator(options: SimulatorCommandOptions, io: CommandIo): Promise<number> {
	try {
		const {runSimulatorCommand} = await import('../simulator/serve.js');
		await runSimulatorCommand({
			...(options.host === undefined ? {} : {host: options.host}),
			...(options.port === undefined ? {} : {port: options.port}),
			json: Boolean(options.json),
			stdout: io.stdout,
			...(io.signal === undefined ? {} : {signal: io.signal}),
		});
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
