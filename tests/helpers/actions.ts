import type { Db } from '$lib/server/db/connection';
import type { FormFailure } from '$lib/server/http/forms';
import { call, makeEvent, outcome, sessionUser, type EventOptions } from './events';

// Calling a route's load or form action as a signed-in user, the way SvelteKit would, and
// reading what it answered. One home for what each integration test file used to write itself.

type Handler = (event: never) => unknown;
type Options = Omit<EventOptions, 'user'>;

/** Posts `options.form` to `action` as the account `email`; returns the value, redirect or error. */
export async function postAs(db: Db, action: Handler, email: string, options: Options = {}) {
	const user = await sessionUser(db, email);
	return outcome(() => call(action, makeEvent({ url: 'http://localhost/', ...options, user })));
}

/** Runs `load` as the account `email`. */
export async function loadAs<T = unknown>(db: Db, load: Handler, email: string, options: Options = {}) {
	const user = await sessionUser(db, email);
	const r = await outcome(() => call(load, makeEvent({ url: 'http://localhost/', ...options, user })));
	return r as
		| { kind: 'value'; value: T }
		| { kind: 'redirect'; status: number; location: string }
		| { kind: 'error'; status: number; message: string };
}

/** The ActionFailure an action answered with (its status and data); throws on anything else. */
export function formFailure(r: Awaited<ReturnType<typeof postAs>>): { status: number; data: FormFailure } {
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('status' in r.value))
		throw new Error(`expected a form failure, got ${JSON.stringify(r)}`);
	return r.value as { status: number; data: FormFailure };
}
