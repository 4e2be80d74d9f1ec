// The simulator's clock: real time unless a test stops it, plus what tests advanced it by. Nonce
// lifetime, rate-limit refills, IAM propagation, version sunsets and the timestamps routes write
// read it, so tests drive time through controls instead of sleeping.

export class SimulatorClock {
	private fixedMs: number | null = null;
	private offsetMs = 0;

	now(): number {
		return (this.fixedMs ?? Date.now()) + this.offsetMs;
	}

	/** Stops the clock at this instant (epoch ms or a Date); null returns to real time (advances are kept). */
	set(at: number | Date | null): void {
		this.offsetMs = 0;
		this.fixedMs = at === null ? null : typeof at === 'number' ? at : at.getTime();
	}

	/** Moves the clock forward; a stopped clock stays stopped at the new instant. */
	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceClock takes a non-negative number of milliseconds');
		this.offsetMs += ms;
	}
}
