import type { ActionFailure, RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { InstanceAction, ProgrammeAction } from '$lib/permissions';
import { getDb, type Db } from '../db/connection';
import { failFromError, parseForm, readForm, type FormFailure } from './forms';
import type { SessionUser } from '../auth/session';
import { requireInstance, requireProgramme, type ProgrammeAccess } from './guards';

// The shape every programme form action shares, so routes stay a few lines each:
// authorise first (a donor's crafted POST gets 403 before anything is read), then validate with
// zod (400 with field messages), then run the domain function, turning its refusals into
// messages next to the fields. Redirects and unexpected errors pass through.

export interface ActionContext<T> {
	db: Db;
	access: ProgrammeAccess;
	data: T;
	form: FormData;
	event: RequestEvent;
}

export async function programmeAction<S extends z.ZodType, R>(
	event: RequestEvent,
	permission: ProgrammeAction,
	schema: S,
	run: (ctx: ActionContext<z.output<S>>) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const access = await requireProgramme(event, event.params.slug ?? '', permission);
	const form = await readForm(event.request);
	const parsed = parseForm(schema, form, event.locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		return await run({ db: getDb(), access, data: parsed.data, form, event });
	} catch (error) {
		return failFromError(error, form, event.locals.locale);
	}
}

/** The same shape for the instance administrator's actions (accounts, period unlock). */
export async function instanceAction<S extends z.ZodType, R>(
	event: RequestEvent,
	permission: InstanceAction,
	schema: S,
	run: (ctx: { db: Db; user: SessionUser; data: z.output<S>; form: FormData }) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const user = requireInstance(event, permission);
	const form = await readForm(event.request);
	const parsed = parseForm(schema, form, event.locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		return await run({ db: getDb(), user, data: parsed.data, form });
	} catch (error) {
		return failFromError(error, form, event.locals.locale);
	}
}
