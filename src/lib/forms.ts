import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

// Reading a failed form back: each form on a page has a name (`_form`); the server answers with
// that name, the messages per field and what was typed, and only that form shows them.

export interface FailedForm {
	form?: string;
	errors?: Record<string, string[]>;
	formError?: string | null;
	values?: Record<string, string | string[]>;
}

function failed(form: unknown, name: string): FailedForm | null {
	if (!form || typeof form !== 'object') return null;
	const f = form as FailedForm;
	return f.form === name ? f : null;
}

/** What the field should show: what the user typed if this form failed, else the record's value. */
export function fieldValue(form: unknown, name: string, field: string, fallback: string | number | null | undefined = ''): string {
	const typed = failed(form, name)?.values?.[field];
	if (typed !== undefined) return Array.isArray(typed) ? (typed[0] ?? '') : typed;
	return fallback === null || fallback === undefined ? '' : String(fallback);
}

export function fieldChecked(form: unknown, name: string, field: string, fallback: boolean): boolean {
	const f = failed(form, name);
	if (f?.values) return f.values[field] !== undefined;
	return fallback;
}

export function fieldErrors(form: unknown, name: string, field: string): string[] | undefined {
	return failed(form, name)?.errors?.[field];
}

/** The message for the whole named form (a conflict, a refused step), if it failed. */
export function formError(form: unknown, name: string): string | null {
	return failed(form, name)?.formError ?? null;
}

/** True when the named form failed: keep its panel open so the messages are seen. */
export function formFailed(form: unknown, name: string): boolean {
	return failed(form, name) !== null;
}

/**
 * After a refused save, moves the keyboard to the first field the server named (in the form's
 * order), so that a keyboard or screen-reader user lands on the message instead of the button.
 */
export function focusFirstInvalid(formElement: HTMLFormElement): void {
	formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Progressive enhancement that keeps what was typed when the server refuses it. */
export const keepValues: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		await update({ reset: false });
		if (result.type === 'failure') {
			await tick();
			focusFirstInvalid(formElement);
		}
	};

/**
 * For forms that add something (a comment): keeps what was typed when the server refuses it, and
 * empties the form once it was accepted, so the text is not left there to be posted twice.
 */
export const clearOnSuccess: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		if (result.type === 'redirect' || result.type === 'success') formElement.reset();
		await update({ reset: false });
		if (result.type === 'failure') {
			await tick();
			focusFirstInvalid(formElement);
		}
	};

/** The ids ticked in a checkbox list: what was sent if this form failed, else `fallback`. */
export function checkedIds(form: unknown, name: string, field: string, fallback: number[]): Set<number> {
	const f = failed(form, name);
	if (!f?.values) return new Set(fallback);
	const sent = f.values[field];
	return new Set((sent === undefined ? [] : Array.isArray(sent) ? sent : [sent]).map(Number));
}
