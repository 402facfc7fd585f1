import { createHash } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import { getDb } from '$lib/server/db/connection';
import { readForm } from '$lib/server/http/forms';
import { MAX_VERIFY_BYTES, SHA256_HEX, verifyHash, VerifyLimiter } from '$lib/server/reports/verify';
import type { Actions } from './$types';

// Public: anyone holding a report (or its fingerprint) may learn which issue it is and whether
// it is the file that was issued, and nothing more.
const limiter = new VerifyLimiter();

export const actions = {
	default: async (event) => {
		const locale = event.locals.locale;
		if (!limiter.allow(event.getClientAddress())) return fail(429, { formError: translate(locale, 'verify.tooMany'), hash: '' });
		const form = await readForm(event.request);
		const pasted = String(form.get('hash') ?? '')
			.trim()
			.toLowerCase();
		const file = form.get('file');
		let hash: string;
		let fromFile = false;
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_VERIFY_BYTES) return fail(413, { formError: translate(locale, 'verify.tooLarge'), hash: '' });
			hash = createHash('sha256')
				.update(new Uint8Array(await file.arrayBuffer()))
				.digest('hex');
			fromFile = true;
		} else {
			if (!SHA256_HEX.test(pasted)) return fail(400, { formError: translate(locale, 'verify.badHash'), hash: pasted.slice(0, 80) });
			hash = pasted;
		}
		const result = await verifyHash(getDb(), hash);
		return { checked: true, hash, fromFile, result };
	}
} satisfies Actions;
