/**
 * Slows down repeated failures for one key (an account, an address). The first `freeAttempts`
 * failures cost nothing; after that each failure doubles the wait, up to `maxDelaySeconds`.
 * A success resets the key. Kept in memory: one Avance process serves one SQLite file.
 */
export class FailureThrottle {
	private readonly failures = new Map<string, { count: number; lastFailureAt: number }>();

	constructor(
		private readonly freeAttempts: number,
		private readonly maxDelaySeconds: number,
		private readonly now: () => number = Date.now
	) {}

	/** Seconds the key must still wait before another attempt is allowed (0 = allowed now). */
	retryAfterSeconds(key: string): number {
		const entry = this.failures.get(key);
		if (!entry || entry.count < this.freeAttempts) return 0;
		const delay = Math.min(2 ** (entry.count - this.freeAttempts), this.maxDelaySeconds);
		const waited = (this.now() - entry.lastFailureAt) / 1000;
		return Math.max(0, Math.ceil(delay - waited));
	}

	recordFailure(key: string): void {
		const entry = this.failures.get(key);
		this.failures.set(key, { count: (entry?.count ?? 0) + 1, lastFailureAt: this.now() });
		if (this.failures.size > 50_000) this.forgetOldest();
	}

	reset(key: string): void {
		this.failures.delete(key);
	}

	/** Takes back one recorded failure (an attempt counted in advance that then succeeded). */
	forgive(key: string): void {
		const entry = this.failures.get(key);
		if (!entry) return;
		if (entry.count <= 1) this.failures.delete(key);
		else entry.count -= 1;
	}

	private forgetOldest(): void {
		const oldest = this.failures.keys().next().value;
		if (oldest !== undefined) this.failures.delete(oldest);
	}
}

// Per account: five free tries, then 1 s, 2 s, 4 s … up to 15 minutes.
export const accountLoginThrottle = new FailureThrottle(5, 15 * 60);
// Per address: more room (an office shares one address), same doubling.
export const addressLoginThrottle = new FailureThrottle(20, 15 * 60);
