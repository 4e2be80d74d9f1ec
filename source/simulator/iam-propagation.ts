// When a role "has propagated" in the simulator's AWS IAM, at its two stages: authorize (Atlas
// assumes the AWS role at once, counted from its first attempt with that ARN) and create (Atlas
// assumes it again to write into the bucket, counted from the authorize). Two ways to model it: a
// delay in wall-clock time (the demo and `simulator` command, where a person waits), and a gate that
// tests hold and release on command (or after a set number of refusals), so no test races the
// clock on a busy machine.
import type {RoleRecord} from './state.js';

export type IamStage = 'authorize' | 'create';

export type IamHoldOptions = {
	/** Propagate by itself after refusing this many attempts per role and stage (default: only on release()). */
	releaseAfterRefusals?: number;
	/** The stages held (default both): `['create']` lets authorize through and holds the export bucket's permission check. */
	stages?: IamStage[];
};

export class IamPropagation {
	private hold_: Required<IamHoldOptions> | undefined;
	/** Held roles and the refusals each still gets, at create. */
	private readonly pending = new Map<RoleRecord, number>();
	/** The same at authorize, per role and ARN attempted. */
	private readonly pendingAssume = new Map<RoleRecord, {arn: string; refusalsLeft: number}>();

	constructor(private delayMs = 0) {}

	setDelay(ms: number): void {
		this.delayMs = ms;
	}

	/** From now on, every role authorized stays unpropagated until release() (or its refusals are spent). */
	hold(options: IamHoldOptions = {}): void {
		this.hold_ = {releaseAfterRefusals: options.releaseAfterRefusals ?? Number.POSITIVE_INFINITY, stages: options.stages ?? ['authorize', 'create']};
	}

	/** Every held role propagates now; later authorizations follow the delay again. */
	release(): void {
		this.hold_ = undefined;
		this.pending.clear();
		// A role held at authorize has propagated: no delay left to wait out either.
		for (const role of this.pendingAssume.keys()) if (role.assumeAttempt) role.assumeAttempt.sinceMs = Number.NEGATIVE_INFINITY;
		this.pendingAssume.clear();
	}

	/** True while the gate is held (a model of authorize, which assumes the role too, can ask this). */
	isHeld(): boolean {
		return this.hold_ !== undefined;
	}

	/** Called by every authorize through the API. */
	authorized(role: RoleRecord): void {
		this.pendingAssume.delete(role);
		if (this.hold_?.stages.includes('create')) this.pending.set(role, this.hold_.releaseAfterRefusals);
		else this.pending.delete(role);
	}

	/**
	 * Whether Atlas can assume `arn` for the role at authorize (its trust already checked). The first
	 * attempt with an ARN starts the stage: held, it is refused until release() or its refusals are
	 * spent; otherwise until the delay has passed since that attempt.
	 */
	checkAssumable(role: RoleRecord, arn: string, now: number): boolean {
		if (role.assumeAttempt?.arn !== arn) {
			role.assumeAttempt = {arn, sinceMs: now};
			if (this.hold_?.stages.includes('authorize')) this.pendingAssume.set(role, {arn, refusalsLeft: this.hold_.releaseAfterRefusals});
			else this.pendingAssume.delete(role);
		}
		const held = this.pendingAssume.get(role);
		if (held) {
			if (held.refusalsLeft > 0) {
				held.refusalsLeft -= 1;
				return false;
			}
			this.pendingAssume.delete(role);
			return true;
		}
		return now - role.assumeAttempt.sinceMs >= this.delayMs;
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
