import type { MessageKey } from '$lib/i18n/translate';
import { constraintViolation } from '../db/dialect';

/** The record changed since the user loaded it (its version moved on): never overwrite silently. */
export class ConflictError extends Error {
	constructor(
		readonly entity: string,
		readonly id: number | string
	) {
		super(`${entity} ${id} was changed by someone else`);
		this.name = 'ConflictError';
	}
}

/** The record does not exist (or is not in the programme the request is about). */
export class NotFoundError extends Error {
	constructor(
		readonly entity: string,
		readonly id: number | string
	) {
		super(`${entity} ${id} not found`);
		this.name = 'NotFoundError';
	}
}

/**
 * A rule only the domain can check (a date outside the programme, a sum that does not add up).
 * Carries a message key per field so the form shows it next to the field.
 */
export type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

export class DomainValidationError extends Error {
	constructor(readonly fields: FieldErrors) {
		super(`invalid: ${Object.keys(fields).join(', ')}`);
		this.name = 'DomainValidationError';
	}
}

/** The action is not allowed in the record's current state (e.g. approving one's own value). */
export class ForbiddenTransitionError extends Error {
	constructor(
		readonly key: MessageKey,
		/** Placeholders of the message, when it names something (an issue number). */
		readonly params?: Record<string, string | number>
	) {
		super(key);
		this.name = 'ForbiddenTransitionError';
	}
}

/**
 * A constraint the database enforced itself, for the rare write that passed the domain's own checks
 * and still met one (two processes saving the same code at once): the same refusal on SQLite and
 * PostgreSQL, never a 500. Unique and append-only → the record changed meanwhile (409); foreign
 * key → what it refers to is gone (404); check or not-null → a value the form should have refused.
 */
export function domainErrorFor(error: unknown): ConflictError | NotFoundError | DomainValidationError | undefined {
	switch (constraintViolation(error)) {
		case 'unique':
		case 'append_only':
			return new ConflictError('record', 'unique');
		case 'foreign_key':
			return new NotFoundError('record', 'reference');
		case 'check':
		case 'not_null':
			return new DomainValidationError({ form: { key: 'error.formHasErrors' } });
		default:
			return undefined;
	}
}
