import { z } from 'zod';
import type { Locale } from '$lib/model';
import { isMessageKey, translateDynamic } from '$lib/i18n/translate';

// Field builders for HTML forms: every value arrives as text. Messages are catalogue keys, turned
// into the user's language by `issueMessage` when the form fails.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// Text arrives from browsers, pasted documents and scripts. What is stored is NFC (so "ó" typed as
// "o" + combining accent is the same word as "ó") and never holds control characters: NUL and
// the like break exports and other tools. A single-line field (a title, a code, a name) also takes
// no line break; a multi-line one (a narrative, a description, a note, a comment) keeps them, as
// LF, and tabs. Anything refused gets a message next to the field; the only silent changes are
// the ones no reader can see (trimming, NFC, CRLF to LF).

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const TAB = /\t/;

function clean(multiline: boolean, notText: 'validation.required' | 'validation.invalid') {
	return (
		z
			.string({ error: notText })
			.trim()
			.refine((v) => !CONTROL.test(v) && (multiline || !TAB.test(v)), { error: 'validation.controlCharacters', abort: true })
			.refine((v) => multiline || !LINE_BREAK.test(v), { error: 'validation.lineBreak', abort: true })
			// Browsers send a textarea's line breaks as CRLF; one form of each keeps exports and diffs clean.
			.transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n'))
	);
}

const required = (multiline: boolean, max: number) =>
	clean(multiline, 'validation.required').pipe(
		z.string().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' })
	);

const optional = (multiline: boolean, max: number) =>
	z
		.preprocess((v) => v ?? '', clean(multiline, 'validation.invalid').pipe(z.string().max(max, { error: 'validation.tooLong' })))
		.optional()
		.transform((v) => v ?? '');

/** Required single-line text (a title, a code, a name), trimmed, at most `max` characters. */
export const text = (max: number) => required(false, max);

/** Optional single-line text: blank becomes ''. */
export const optionalText = (max: number) => optional(false, max);

/** Required multi-line text (a narrative, a description, a note, a comment): keeps line breaks and tabs. */
export const multilineText = (max: number) => required(true, max);

/**
 * A content text in the other language (BilingualField): absent leaves the stored translation as
 * it is (a client that does not know about translations removes nothing); blank removes it.
 */
export const translationText = (max: number, multiline = false) =>
	clean(multiline, 'validation.invalid')
		.pipe(z.string().max(max, { error: 'validation.tooLong' }))
		.optional();

/** Optional multi-line text: blank becomes ''. */
export const optionalMultilineText = (max: number) => optional(true, max);

/** What parseDecimal answers for a number written with thousands separators. */
const GROUPED = Symbol('grouped');

/** Plain decimals, optionally with an exponent ("1,5", "-0.25", "3e6"): no hex, no "Infinity". */
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i;

/**
 * Accepts "12.5" and the Spanish "12,5". A number written with thousands separators ("15.000",
 * "2,500", "1.234,5") is refused rather than guessed: "15.000" is fifteen thousand in Spanish
 * and fifteen in English, and storing the wrong one silently would be far worse than asking.
 */
function parseDecimal(v: unknown): unknown {
	if (typeof v !== 'string') return v;
	const s = v.trim().replace(/[\s\u00a0\u202f]/g, '');
	if (s === '') return undefined;
	if (/[.,].*[.,]/.test(s) || /^-?[1-9]\d{0,2}[.,]\d{3}$/.test(s)) return GROUPED;
	if (!DECIMAL.test(s)) return NaN;
	const n = Number(s.replace(',', '.'));
	return Number.isFinite(n) ? n : NaN;
}

/**
 * Every figure stays within ± a trillion: far beyond any head count, rate or budget a programme
 * reports, and small enough that sums and differences of many of them stay exact and finite
 * (1e308 is a valid double, and two of them make a total of "∞").
 */
export const MAX_MAGNITUDE = 1e12;

export const numberField = (opts: { min?: number; max?: number; integer?: boolean } = {}) => {
	let n = z.number({
		error: (iss) => (iss.input === undefined ? 'validation.required' : iss.input === GROUPED ? 'validation.thousands' : 'validation.number')
	});
	if (opts.integer) n = n.int({ error: 'validation.integer' });
	n = n.min(Math.max(opts.min ?? -MAX_MAGNITUDE, -MAX_MAGNITUDE), { error: 'validation.min' });
	n = n.max(Math.min(opts.max ?? MAX_MAGNITUDE, MAX_MAGNITUDE), { error: 'validation.max' });
	return z.preprocess(parseDecimal, n);
};

export const optionalNumberField = (opts: { min?: number; max?: number; integer?: boolean } = {}) =>
	z.preprocess(parseDecimal, numberField(opts).optional().nullable()).transform((v) => v ?? null);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isValidIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** The dates a programme's records can sensibly carry; anything outside is a typing slip. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

export const dateField = () =>
	z
		.string({ error: 'validation.required' })
		.trim()
		// A blank date is only "required", not also "invalid".
		.min(1, { error: 'validation.required', abort: true })
		.refine(isValidIsoDate, { error: 'validation.date', abort: true })
		// ISO dates compare as text.
		.refine((v) => v >= EARLIEST_DATE && v <= LATEST_DATE, {
			error: 'validation.dateRange',
			params: { min: EARLIEST_DATE, max: LATEST_DATE }
		});

export const optionalDateField = () => z.preprocess(blankToUndefined, dateField().optional()).transform((v) => v ?? null);

export const enumField = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'validation.choice' });

/** An HTML checkbox: present ("on") means true. */
export const checkbox = () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

/** A record id from a hidden field or a select. */
export const idField = () => z.preprocess(parseDecimal, z.number({ error: 'validation.unknownRecord' }).int().positive());

/**
 * A list of ticked checkboxes (`indicatorIds`, `moduleIds`…) as distinct ids in ascending order:
 * nothing ticked sends nothing, one ticked sends a string, several an array.
 */
export const idListField = (max = 500) =>
	z
		.preprocess(
			(v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '')),
			z.array(idField()).max(max, { error: 'validation.invalid' })
		)
		.transform((ids): number[] => [...new Set(ids)].sort((a, b) => a - b));

/** The version the form was loaded with; a mismatch at save time is a conflict. */
export const versionField = () => z.preprocess(parseDecimal, z.number({ error: 'validation.invalid' }).int().positive());

export const urlField = () =>
	z
		.string()
		.trim()
		.max(2000, { error: 'validation.tooLong' })
		.refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && !CONTROL.test(v) && URL.canParse(v), { error: 'validation.url' });

export const optionalUrlField = () => z.preprocess(blankToUndefined, urlField().optional()).transform((v) => v ?? null);

export const emailField = () =>
	z
		.string({ error: 'validation.required' })
		.trim()
		.toLowerCase()
		.min(1, { error: 'validation.required' })
		.max(254, { error: 'validation.tooLong' })
		.pipe(z.email({ error: 'validation.email' }));

/** The user-facing message for one zod issue, in `locale`. */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
	const params: Record<string, string | number> = {};
	const extra = issue as unknown as { minimum?: number | bigint; maximum?: number | bigint; params?: Record<string, unknown> };
	if (extra.minimum !== undefined) params.min = Number(extra.minimum);
	if (extra.maximum !== undefined) params.max = Number(extra.maximum);
	for (const [k, v] of Object.entries(extra.params ?? {})) {
		if (typeof v === 'string' || typeof v === 'number') params[k] = v;
	}

	if (isMessageKey(issue.message)) return translateDynamic(locale, issue.message, params);

	switch (issue.code) {
		case 'invalid_type':
			return translateDynamic(locale, issue.input === undefined ? 'validation.required' : 'validation.invalid');
		case 'too_small':
			return translateDynamic(locale, issue.origin === 'string' ? 'validation.tooShort' : 'validation.min', params);
		case 'too_big':
			return translateDynamic(locale, issue.origin === 'string' ? 'validation.tooLong' : 'validation.max', params);
		case 'invalid_value':
			return translateDynamic(locale, 'validation.choice');
		case 'invalid_format':
			return translateDynamic(locale, issue.format === 'email' ? 'validation.email' : 'validation.invalid');
		default:
			return translateDynamic(locale, 'validation.invalid');
	}
}
