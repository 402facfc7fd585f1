// Avance's own address, from the environment: ORIGIN when it is set (a server behind its public
// address), else this machine at PORT, as `npm start` serves it. One home for http/ (which checks
// requests against it) and notifications/ (whose messages link to it), which may not import http/.

export interface OriginSettings {
	/** ORIGIN, when set. */
	configured: string | null;
	/** HOST, when it names one address rather than all of them. */
	boundHost: string | null;
}

export function originSettings(env: Record<string, string | undefined> = process.env): OriginSettings {
	const host = env.HOST?.trim() || null;
	return {
		configured: env.ORIGIN?.trim().replace(/\/+$/, '') || null,
		boundHost: host && !['0.0.0.0', '::', '[::]'].includes(host) ? host.replace(/^\[|\]$/g, '') : null
	};
}

/**
 * The address links in issued files and messages point to when no request is at hand (the seed,
 * a script, the mail sender): ORIGIN, or else this machine at PORT. Requests use ORIGIN or their
 * own origin instead, frozen with the issue job.
 */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
	const port = env.PORT?.trim() || '3000';
	return originSettings(env).configured ?? `http://localhost:${port}`;
}
