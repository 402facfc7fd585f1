import { z } from 'zod';
import { MAX_AMOUNT_MINOR, parseAmount, parseShare } from '$lib/finance-rules';

// Form fields for money: every amount arrives as text and is read into integer minor units by
// the rules module's parser (never through a float), so what is stored is exactly what was typed.

const blank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** A required amount in minor units; `allowNegative` for expenditure (refunds). */
export const amountField = (opts: { allowNegative?: boolean } = {}) =>
	z
		.string({ error: 'validation.required' })
		.max(40, { error: 'finance.amountInvalid' })
		.refine((v) => v.trim() !== '', { error: 'validation.required', abort: true })
		.transform((v, ctx) => {
			const minor = parseAmount(v);
			if (minor === null) {
				ctx.addIssue({ code: 'custom', message: 'finance.amountInvalid', params: { max: MAX_AMOUNT_MINOR / 100 } });
				return z.NEVER;
			}
			if (minor < 0 && !opts.allowNegative) {
				ctx.addIssue({ code: 'custom', message: 'finance.amountNegative' });
				return z.NEVER;
			}
			return minor;
		});

/** An optional amount (blank = none). */
export const optionalAmountField = (opts: { allowNegative?: boolean } = {}) =>
	z.preprocess((v) => (blank(v) ? undefined : v), amountField(opts).optional()).transform((v) => v ?? null);

/** An optional share typed as a percentage ("12.5"), in basis points; blank = no allocation. */
export const optionalShareField = () =>
	z
		.preprocess((v) => (blank(v) ? undefined : v), z.string().max(10, { error: 'finance.shareInvalid' }).optional())
		.transform((v, ctx) => {
			if (v === undefined) return null;
			const bp = parseShare(v);
			if (bp === null) {
				ctx.addIssue({ code: 'custom', message: 'finance.shareInvalid' });
				return z.NEVER;
			}
			return bp;
		});
