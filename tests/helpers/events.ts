import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/model';
import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connection';

// Minimal request events, so tests can call loads, actions and endpoints the way SvelteKit does.

export class MemoryCookies implements Cookies {
	readonly jar = new Map<string, { value: string; options: Parameters<Cookies['set']>[2] }>();
	get(name: string) {
		return this.jar.get(name)?.value;
	}
	getAll() {
		return [...this.jar].map(([name, { value }]) => ({ name, value }));
	}
	set(name: string, value: string, options: Parameters<Cookies['set']>[2]) {
		this.jar.set(name, { value, options });
	}
	delete(name: string) {
		this.jar.delete(name);
	}
	serialize(name: string, value: string) {
		return `${name}=${value}`;
	}
}

export interface EventOptions {
	user?: SessionUser | null;
	session?: Session | null;
	locale?: Locale;
	params?: Record<string, string>;
	form?: Record<string, string | string[] | File>;
	url?: string;
	/** The route id SvelteKit would set (e.g. '/programmes/[slug]/periods'): actions redirect by it. */
	route?: string;
	address?: string;
	cookies?: MemoryCookies;
}

/**
 * Fits the event of any route's load, action or endpoint: route-specific params and ids are
 * loosened here (on purpose) so one helper serves every route under test.
 */
export type TestEvent = Omit<RequestEvent, 'params' | 'route' | 'cookies'> & {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	params: any;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	route: { id: any };
	cookies: MemoryCookies;
	parent(): Promise<Record<string, unknown>>;
	depends(...deps: string[]): void;
	untrack<T>(fn: () => T): T;
};

export function makeEvent(options: EventOptions = {}): TestEvent {
	const url = new URL(options.url ?? 'http://localhost/');
	let request: Request;
	if (options.form) {
		const body = new FormData();
		for (const [key, value] of Object.entries(options.form)) {
			for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
		}
		request = new Request(url, { method: 'POST', body });
	} else {
		request = new Request(url);
	}
	const cookies = options.cookies ?? new MemoryCookies();
	const event = {
		request,
		url,
		params: options.params ?? {},
		cookies,
		locals: { user: options.user ?? null, session: options.session ?? null, locale: options.locale ?? 'es' },
		getClientAddress: () => options.address ?? '203.0.113.7',
		fetch,
		setHeaders: () => {},
		platform: undefined,
		route: { id: options.route ?? null },
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		tracing: { enabled: false, root: undefined, current: undefined },
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn()
	};
	return event as unknown as TestEvent;
}

/** Calls a route's load, action or endpoint with a test event, keeping its return type. */
export function call<F extends (event: never) => unknown>(fn: F, event: TestEvent): ReturnType<F> {
	return (fn as unknown as (e: TestEvent) => ReturnType<F>)(event);
}

/** The session user the hook would put in locals for `email`. */
export async function sessionUser(db: Db, email: string): Promise<SessionUser> {
	const row = await db
		.selectFrom('user')
		.leftJoin('totp', 'totp.user_id', 'user.id')
		.selectAll('user')
		.select('totp.enrolled_at as second_factor_at')
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		isAdmin: row.is_admin === 1,
		locale: row.locale,
		secondFactor: row.second_factor_at !== null
	};
}

/** Runs a load/action that may throw SvelteKit's redirect or error, and returns what happened. */
export async function outcome<T>(
	fn: () => T | Promise<T>
): Promise<
	{ kind: 'value'; value: T } | { kind: 'redirect'; status: number; location: string } | { kind: 'error'; status: number; message: string }
> {
	const { isRedirect, isHttpError } = await import('@sveltejs/kit');
	try {
		return { kind: 'value', value: await fn() };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'redirect', status: e.status, location: e.location };
		if (isHttpError(e)) return { kind: 'error', status: e.status, message: e.body.message };
		throw e;
	}
}
