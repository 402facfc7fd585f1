import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { hashToken } from '$lib/server/api/tokens';
import type { ApiTokenView } from '$lib/server/api/tokens';
import { actions, load } from '../../../src/routes/account/tokens/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// /account/tokens through its real load and actions: any signed-in user creates a token, sees it
// once, and revokes it; both are audited without the secret; bad input is answered next to the field.

let db: Db;
const DONOR = 'donor.iess@avance.test';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const url = 'http://localhost/account/tokens';
const route = '/account/tokens';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

async function tokensOf(email: string) {
	const r = await loadAs<{ tokens: ApiTokenView[]; programmes: { id: number }[] }>(db, load, email, { url, route });
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value;
}

describe('the token page', () => {
	it('sends someone who is not signed in to the sign-in page', async () => {
		const { outcome, call, makeEvent } = await import('../../helpers/events');
		const r = await outcome(() => call(load, makeEvent({ url, route })));
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
	});

	it('creates a token shown once, keeps only its hash, lists it and audits it without the secret', async () => {
		const patss = await seeded(db, 'patss');
		const r = await postAs(db, actions.create, DONOR, {
			url,
			route,
			form: {
				name: 'Informe trimestral',
				scopes: ['read:results', 'read:programmes'],
				programmeIds: String(patss.programme.id),
				expiresOn: inDays(90)
			}
		});
		expect(r.kind).toBe('value');
		const created = (r as { value: { created: { name: string; token: string } } }).value.created;
		expect(created.token).toMatch(/^avn_[a-z2-7]{52}$/);

		const row = await db.selectFrom('api_token').selectAll().where('name', '=', 'Informe trimestral').executeTakeFirstOrThrow();
		expect(Buffer.from(row.secret_hash).equals(Buffer.from(hashToken(created.token)))).toBe(true);
		expect(JSON.stringify(row)).not.toContain(created.token.slice(4));

		const page = await tokensOf(DONOR);
		const listed = page.tokens.find((t) => t.name === 'Informe trimestral')!;
		expect(listed).toMatchObject({
			state: 'active',
			scopes: ['read:programmes', 'read:results'],
			lastUsedAt: null,
			programmes: [{ shortName: 'PATSS' }]
		});
		expect(JSON.stringify(page)).not.toContain(created.token);

		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'api_token')
			.where('entity_id', '=', String(row.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);
		expect(audit[0]!.after).not.toContain(created.token.slice(4));
	});

	it('answers bad input next to the field: no scope, no expiry, past or more than a year, a programme the user does not see', async () => {
		const elSalvador = await seeded(db, 'el-salvador-pps');
		const cases: [Record<string, string | string[]>, string][] = [
			[{ name: 'x', expiresOn: inDays(30) }, 'scopes'],
			[{ name: 'x', scopes: 'read:everything', expiresOn: inDays(30) }, 'scopes'],
			[{ name: 'x', scopes: 'read:results' }, 'expiresOn'],
			[{ name: 'x', scopes: 'read:results', expiresOn: inDays(0) }, 'expiresOn'],
			[{ name: 'x', scopes: 'read:results', expiresOn: inDays(400) }, 'expiresOn'],
			[{ name: '', scopes: 'read:results', expiresOn: inDays(30) }, 'name'],
			[{ name: 'x', scopes: 'read:results', expiresOn: inDays(30), programmeIds: String(elSalvador.programme.id) }, 'programmeIds']
		];
		const before = await db
			.selectFrom('api_token')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		for (const [form, field] of cases) {
			const failure = formFailure(await postAs(db, actions.create, DONOR, { url, route, form: { _form: 'new-token', ...form } }));
			expect(failure.status, JSON.stringify(form)).toBe(400);
			expect(failure.data.errors[field], JSON.stringify(form)).toHaveLength(1);
		}
		const after = await db
			.selectFrom('api_token')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
	});

	it('revokes the user’s own token (audited), and treats another person’s as not found', async () => {
		await postAs(db, actions.create, DONOR, { url, route, form: { name: 'Para revocar', scopes: 'read:results', expiresOn: inDays(10) } });
		const token = (await tokensOf(DONOR)).tokens.find((t) => t.name === 'Para revocar')!;

		const stranger = formFailure(
			await postAs(db, actions.revoke, 'donor.eu@avance.test', {
				url,
				route,
				form: { tokenId: String(token.id), version: String(token.version) }
			})
		);
		expect(stranger.status).toBe(404);

		const r = await postAs(db, actions.revoke, DONOR, { url, route, form: { tokenId: String(token.id), version: String(token.version) } });
		expect(r).toMatchObject({ kind: 'redirect', status: 303, location: '/account/tokens?notice=revoked' });
		expect((await tokensOf(DONOR)).tokens.find((t) => t.id === token.id)!.state).toBe('revoked');
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'api_token')
			.where('entity_id', '=', String(token.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'revoke']);

		const stale = formFailure(
			await postAs(db, actions.revoke, DONOR, { url, route, form: { tokenId: String(token.id), version: String(token.version) } })
		);
		expect(stale.status).toBe(409);
	});
});
