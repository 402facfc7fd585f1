import type { ActionFailure, RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Notice } from '$lib/notices';
import type { InstanceAction, ProgrammeAction } from '$lib/permissions';
import type { SessionUser } from '../auth/session';
import { getDb, type Db } from '../db/connection';
import { failFromError, parseForm, readForm, type FormFailure } from './forms';
import { requireInstance, requireProgramme, requireUser, type ProgrammeAccess } from './guards';
import { redirectWithNotice } from './notices';

// The shape every form action shares, so routes stay a few lines each: authorise first (a donor's
// crafted POST gets 403 before anything is read), then validate with zod (400 with messages next
// to the fields, what was typed kept), then run the domain function, turning its refusals into
// messages too; on success, a 303 with a notice. Redirects and unexpected errors pass through.

export interface RedirectOptions {
	/** A route id such as '/programmes/[slug]/risks/[id]'; by default the route that was posted to. */
	route?: string;
	/** Values for the route's [params] beyond those of the request (e.g. the id just created). */
	params?: Record<string, string | number>;
	/** An anchor on the page to land on. */
	hash?: string;
}

export interface ActionContext<T> {
	db: Db;
	access: ProgrammeAccess;
	data: T;
	form: FormData;
	event: RequestEvent;
	/** The 303 after success, with a notice, to `route` with its params filled from the request. */
	redirect(notice: Notice, options?: RedirectOptions): never;
}

/** A fixed schema, or one built from what the request loads (the value form depends on the indicator). */
export type SchemaSource<S extends z.ZodType> = S | ((ctx: { db: Db; access: ProgrammeAccess; event: RequestEvent }) => S | Promise<S>);

/** '/programmes/[slug]/indicators/[id]' with slug and id filled in (route groups dropped). */
export function pathOf(route: string, params: Record<string, string | number | undefined>): string {
	const path = route
		.split('/')
		.filter((segment) => !/^\(.*\)$/.test(segment))
		.map((segment) =>
			segment.replace(/\[\[?(?:\.\.\.)?(\w+)(?:=\w+)?\]?\]/g, (_, name: string) => {
				const value = params[name];
				if (value === undefined) throw new Error(`route ${route} needs the parameter ${name}`);
				return encodeURIComponent(String(value));
			})
		)
		.join('/');
	return path || '/';
}

function redirector(event: RequestEvent) {
	return (notice: Notice, options: RedirectOptions = {}): never =>
		redirectWithNotice(
			pathOf(options.route ?? event.route.id ?? event.url.pathname, { ...event.params, ...options.params }),
			notice,
			options.hash
		);
}

export async function programmeAction<S extends z.ZodType, R>(
	event: RequestEvent,
	permission: ProgrammeAction,
	schema: SchemaSource<S>,
	run: (ctx: ActionContext<z.output<S>>) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const access = await requireProgramme(event, event.params.slug ?? '', permission);
	const form = await readForm(event.request);
	const db = getDb();
	try {
		const resolved = typeof schema === 'function' ? await schema({ db, access, event }) : schema;
		const parsed = parseForm(resolved, form, event.locals.locale);
		if (!parsed.ok) return parsed.failure;
		return await run({ db, access, data: parsed.data, form, event, redirect: redirector(event) });
	} catch (error) {
		return failFromError(error, form, event.locals.locale);
	}
}

const confirmField = { confirm: z.literal('yes').optional() };

/**
 * Delete in two steps, the same everywhere: the first post (no `confirm`) answers with what would
 * go — `{ [key]: impact }`, which the page shows in its confirmation box — and the second, with
 * `confirm=yes`, deletes and redirects.
 */
export function deleteAction<S extends z.ZodObject, I extends object, const K extends string = 'confirmDelete'>(
	event: RequestEvent,
	permission: ProgrammeAction,
	schema: S,
	steps: {
		impact: (ctx: ActionContext<z.output<S>>) => Promise<I>;
		remove: (ctx: ActionContext<z.output<S>>) => Promise<void>;
		done: (ctx: ActionContext<z.output<S>>) => never;
		key?: K;
	}
) {
	return programmeAction(event, permission, schema.extend(confirmField), async (ctx): Promise<{ [P in K]: I }> => {
		const { confirm, ...data } = ctx.data as z.output<S> & { confirm?: 'yes' };
		const inner = { ...ctx, data: data as z.output<S> };
		if (!confirm) return { [steps.key ?? 'confirmDelete']: await steps.impact(inner) } as unknown as { [P in K]: I };
		await steps.remove(inner);
		return steps.done(inner);
	});
}

/** The same shape for the instance administrator's actions (accounts, period unlock). */
export async function instanceAction<S extends z.ZodType, R>(
	event: RequestEvent,
	permission: InstanceAction,
	schema: S,
	run: (ctx: { db: Db; user: SessionUser; data: z.output<S>; form: FormData; redirect: ActionContext<unknown>['redirect'] }) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const user = requireInstance(event, permission);
	const form = await readForm(event.request);
	const parsed = parseForm(schema, form, event.locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		return await run({ db: getDb(), user, data: parsed.data, form, redirect: redirector(event) });
	} catch (error) {
		return failFromError(error, form, event.locals.locale);
	}
}

/** The same shape for what any signed-in person does for themselves (their API tokens). */
export async function userAction<S extends z.ZodType, R>(
	event: RequestEvent,
	schema: S,
	run: (ctx: { db: Db; user: SessionUser; data: z.output<S>; form: FormData; redirect: ActionContext<unknown>['redirect'] }) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const user = requireUser(event);
	const form = await readForm(event.request);
	const parsed = parseForm(schema, form, event.locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		return await run({ db: getDb(), user, data: parsed.data, form, redirect: redirector(event) });
	} catch (error) {
		return failFromError(error, form, event.locals.locale);
	}
}
