// When a freshly authorized role "has propagated" in the simulator's AWS IAM. Two ways to model it:
// a delay in wall-clock time (the demo and `simulator` command, where a person waits), and a gate
// that tests hold and release on command (or after a set number of refusals), so no test races the
// clock on a busy machine.
import type {RoleRecord} from './state.js';

export type IamHoldOptions = {
	/** Propagate by itself after refusing this many permission checks per role (default: only on release()). */
	releaseAfterRefusals?: number;
};

export class IamPropagation {
	private hold_: Required<IamHoldOptions> | undefined;
	/** Held roles and the refusals each still gets. */
	private readonly pending = new Map<RoleRecord, number>();

	constructor(private delayMs = 0) {}

	setDelay(ms: number): void {
		this.delayMs = ms;
	}

	/** From now on, every role authorized stays unpropagated until release() (or its refusals are spent). */
	hold(options: IamHoldOptions = {}): void {
		this.hold_ = {releaseAfterRefusals: options.releaseAfterRefusals ?? Number.POSITIVE_INFINITY};
	}

	/** Every held role propagates now; later authorizations follow the delay again. */
	release(): void {
		this.hold_ = undefined;
		this.pending.clear();
	}

	/** True while the gate is held (a model of authorize, which assumes the role too, can ask this). */
	isHeld(): boolean {
		return this.hold_ !== undefined;
	}

	/** Called by every authorize through the API. */
	authorized(role: RoleRecord): void {
		if (this.hold_) this.pending.set(role, this.hold_.releaseAfterRefusals);
		else this.pending.delete(role);
	}

	/**
	 * Whether Atlas can assume the role now (roles from the seed have always propagated). A `false`
	 * counts as one refusal of a held role.
	 */
	checkPropagated(role: RoleRecord, now: number): boolean {
		const refusalsLeft = this.pending.get(role);
		if (refusalsLeft !== undefined) {
			if (refusalsLeft > 0) {
				this.pending.set(role, refusalsLeft - 1);
				return false;
			}
			this.pending.delete(role);
		}
		return role.authorizedAtMs === undefined || now - role.authorizedAtMs >= this.delayMs;
	}
}
