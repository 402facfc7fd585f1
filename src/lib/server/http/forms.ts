import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Locale } from '$lib/model';
import { formatDate } from '$lib/i18n/format';
import { isMessageKey, translate, translateDynamic } from '$lib/i18n/translate';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError, domainErrorFor } from '../core/errors';
import { issueMessage } from '../core/validation';

// What every form action answers when it cannot save: the messages per field, a message for the
// whole form, and what the user typed, so the page can show both and lose nothing.
export interface FormFailure {
	/** Which form on the page failed (pages with several forms tell them apart by this). */
	form: string;
	errors: Record<string, string[]>;
	formError: string | null;
	values: Record<string, string | string[]>;
}

/**
 * The submitted form. A body that is not a form at all (JSON, plain text, a cut-off upload) is a
 * bad request, answered 400 rather than failing the server; one over BODY_SIZE_LIMIT, which the
 * server stopped reading, is 413, so the page can say it was too large.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		if ((e as { status?: unknown } | null)?.status === 413) error(413, 'payload too large');
		error(400, 'bad request');
	}
}

/** Fields never echoed back to the page. */
const SECRET_FIELDS = new Set(['password']);

export function formValues(data: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		if (SECRET_FIELDS.has(key)) continue;
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		if (all.length === 0) continue;
		values[key] = all.length === 1 ? all[0]! : all;
	}
	return values;
}

/** FormData → a plain object zod can read: repeated keys become arrays, files stay files. */
export function formObject(data: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
	const obj: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key);
		obj[key] = all.length === 1 ? all[0]! : all;
	}
	return obj;
}

export type Parsed<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; failure: ActionFailure<FormFailure> };

/** Validates a submitted form with `schema`; on failure answers 400 with messages in `locale`. */
export function parseForm<S extends z.ZodType>(schema: S, data: FormData, locale: Locale): Parsed<S> {
	const result = schema.safeParse(formObject(data));
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, string[]> = {};
	let formError: string | null = null;
	for (const issue of result.error.issues) {
		const field = issue.path.length > 0 ? String(issue.path[0]) : null;
		const message = issueMessage(issue, locale);
		if (field) (errors[field] ??= []).push(message);
		else formError = message;
	}
	return {
		ok: false,
		failure: fail(400, {
			form: formName(data),
			errors,
			formError: formError ?? translate(locale, 'error.formHasErrors'),
			values: formValues(data)
		})
	};
}

export function formName(data: FormData): string {
	const form = data.get('_form');
	return typeof form === 'string' ? form : 'default';
}

/**
 * A parameter as the page shows it: a message key (a status) in the reader's words, a calendar
 * date in the reader's format (the page shows 31/12/2022, so the message must not say 2022-12-31).
 */
function shownParam(value: string | number, locale: Locale): string | number {
	if (typeof value !== 'string') return value;
	if (isMessageKey(value)) return translateDynamic(locale, value);
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(locale, value);
	return value;
}

/**
 * Turns what a domain function threw into the answer the form shows: a conflict (409), a
 * domain rule (400, next to the field), a forbidden step (403) or a missing record (404).
 * Anything else is a real bug and is rethrown.
 */
export function failFromError(thrown: unknown, data: FormData, locale: Locale): ActionFailure<FormFailure> {
	// A constraint the database enforced maps to the same refusal on SQLite and PostgreSQL.
	const error = domainErrorFor(thrown) ?? thrown;
	const base = { form: formName(data), values: formValues(data) };
	if (error instanceof ConflictError) {
		return fail(409, { ...base, errors: {}, formError: translate(locale, 'error.conflict') });
	}
	if (error instanceof DomainValidationError) {
		const errors: Record<string, string[]> = {};
		for (const [field, { key, params }] of Object.entries(error.fields)) {
			// A parameter may itself name a message (e.g. a status), shown in the user's language.
			const shown = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, shownParam(v, locale)]));
			errors[field] = [translateDynamic(locale, key, shown)];
		}
		return fail(400, { ...base, errors, formError: translate(locale, 'error.formHasErrors') });
	}
	if (error instanceof ForbiddenTransitionError) {
		return fail(403, { ...base, errors: {}, formError: translateDynamic(locale, error.key, error.params) });
	}
	if (error instanceof NotFoundError) {
		return fail(404, { ...base, errors: {}, formError: translate(locale, 'validation.unknownRecord') });
	}
	throw error;
}

/** A failure with a message for the whole form (and, optionally, per field). */
export function failForm(
	status: number,
	failure: { form: string; formError: string; values: Record<string, string | string[]>; errors?: Record<string, string[]> }
): ActionFailure<FormFailure> {
	return fail(status, { errors: {}, ...failure });
}
