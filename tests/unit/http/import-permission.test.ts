import { describe, expect, it } from 'vitest';
import type { ProgrammeAction } from '$lib/permissions';
import { canImportLogframe, logframeRefused } from '$lib/server/http/imports';

// The import page's one permission check for the logframe (issue 26 item 3): offered and accepted
// only with both rights, and refused in the reader's words, never as the bare code "forbidden".
describe('the logframe import permission', () => {
	const only = (...actions: ProgrammeAction[]) => ({ can: (action: ProgrammeAction) => actions.includes(action) });

	it('needs both the logframe and the indicator rights', () => {
		expect(canImportLogframe(only('logframe.edit', 'indicator.edit'))).toBe(true);
		expect(canImportLogframe(only('logframe.edit'))).toBe(false);
		expect(canImportLogframe(only('indicator.edit'))).toBe(false);
	});

	it('refuses with a 403 and the reason in the reader’s language', () => {
		const es = logframeRefused('es');
		const en = logframeRefused('en');
		expect(es.status).toBe(403);
		expect(es.data).toMatchObject({ form: 'logframe', formError: 'No tiene permiso para hacer esto.' });
		expect(en.data.formError).toBe('You are not allowed to do this.');
	});
});
