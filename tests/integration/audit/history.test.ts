import { beforeAll, describe, expect, it } from 'vitest';
import { observeQueries, type Db } from '$lib/server/db/connection';
import { auditEntry, type AuditLine, type AuditNames } from '$lib/i18n/audit-lines';
import { recordAudit, type AuditRecord } from '$lib/server/core/audit';
import { createI18n } from '$lib/i18n/context';
import type { IndicatorDetail } from '$lib/server/results/indicator-page';
import { actions, load } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { load as loadAudit } from '../../../src/routes/admin/audit/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { loadRiskDetail } from '$lib/server/risks/register';
import { reviewRisk } from '$lib/server/risks/reviews';
import { addKeyAction } from '$lib/server/recommendations/key-actions';
import { loadRecommendationDetail } from '$lib/server/recommendations/detail';

// The indicator's history and the admin audit log name what their entries point to — the period,
// the reviewer, the records — looked up once per kind of record, whatever the length of the history.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const text = (pieces: { text: string }[] | null) => (pieces ?? []).map((p) => p.text).join('');
interface AuditPage {
	entries: AuditRecord[];
	names: AuditNames;
}
const said = (line: AuditLine) => `${line.label}: ${[line.before, line.after].filter(Boolean).map(text).join(' → ')}`;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function act(name: keyof typeof actions, email: string, code: string, form: Record<string, string>) {
	const event = makeEvent({
		user: await sessionUser(db, email),
		params: { slug: 'patss', id: String(patss.indicatorId(code)) },
		url: `http://localhost/programmes/patss/indicators/${patss.indicatorId(code)}`,
		form
	});
	return outcome(() => call(actions[name], event));
}

async function pageFor(email: string, code: string) {
	const event = makeEvent({
		user: await sessionUser(db, email),
		params: { slug: 'patss', id: String(patss.indicatorId(code)) },
		url: 'http://localhost/x'
	});
	const r = await outcome(() => call(load, event));
	if (r.kind !== 'value') throw new Error(`load failed: ${JSON.stringify(r)}`);
	return (r.value as { detail: IndicatorDetail }).detail;
}

describe('an indicator’s history in words', () => {
	it('names the period of a value and the coordinator who approved it, and links to their records', async () => {
		const period = patss.periodId('2022-S1');
		const form = { periodId: String(period), value: '150', women: '80', men: '70', notStated: '', narrative: '', evidenceUrl: '' };
		expect(await act('save', COORD, '5.1-3', { ...form, correctionReason: '', valueVersion: '', intent: 'submit' })).toMatchObject({
			kind: 'redirect'
		});
		const row = await db
			.selectFrom('indicator_value')
			.selectAll()
			.where('period_id', '=', period)
			.where('indicator_id', '=', patss.indicatorId('5.1-3'))
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		expect(await act('approve', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) })).toMatchObject({
			kind: 'redirect'
		});

		const detail = await pageFor(COORD, '5.1-3');
		const entries = detail.history.map((r) => auditEntry(es, r, detail.historyNames));
		const approval = entries.find((e) => e.action === 'aprobación')!;
		expect(approval.who).toBe('Carmen Coordinadora (PATSS)');
		expect(text(approval.subject)).toMatch(/^5\.1-3 .+ · 2022-S1$/);
		expect(approval.subject[0]!.href).toBe(`/programmes/patss/indicators/${patss.indicatorId('5.1-3')}`);
		expect(approval.lines.map(said)).toEqual(['Estado: Enviado → Aprobado']);

		const created = entries.find((e) => e.action === 'creación' && text(e.subject).endsWith('2022-S1'))!;
		const lines = created.lines.map(said);
		expect(lines).toContain('Periodo: 2022-S1');
		expect(lines).toContain('Estado: Enviado');
		expect(created.lines.find((l) => l.field === 'periodId')!.after![0]!.href).toBe('/programmes/patss/periods');

		const english = detail.history.map((r) => auditEntry(en, r, detail.historyNames));
		expect(english.find((e) => e.action === 'approved')!.lines.map(said)).toEqual(['Status: Submitted → Approved']);
		// Nothing raw anywhere: no field key, no id, no JSON, no ISO instant.
		const all = JSON.stringify([entries, english].flat().map((e) => [e.entity, text(e.subject), e.action, e.lines.map(said)]));
		expect(all).not.toMatch(/#\d+|\{"|\d{4}-\d{2}-\d{2}T|periodId|status:/);
	});

	it('looks the names up in the same number of statements however long the history is', async () => {
		const indicatorId = patss.indicatorId('4.2-1');
		const count = async () => {
			let n = 0;
			observeQueries(() => n++);
			await pageFor(COORD, '4.2-1');
			observeQueries(undefined);
			return n;
		};
		const periods = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', patss.programme.id).execute();
		const users = await db.selectFrom('user').select('id').execute();
		// One change first, so every kind the longer history mentions is already looked up once.
		const change = (i: number) =>
			recordAudit(db, {
				userId: users[i % users.length]!.id,
				programmeId: patss.programme.id,
				entity: 'indicator',
				entityId: indicatorId,
				action: 'set_targets',
				before: { [periods[i % periods.length]!.id]: { value: i, women: null, men: null } },
				after: { [periods[(i + 1) % periods.length]!.id]: { value: i + 1, women: null, men: null } }
			});
		await change(0);
		const short = await count();
		for (let i = 1; i <= 40; i++) await change(i);
		const detail = await pageFor(COORD, '4.2-1');
		expect(detail.history.length).toBeGreaterThan(40);
		expect(Object.keys(detail.historyNames).filter((k) => k.startsWith('reporting_period:')).length).toBe(periods.length);
		expect(await count()).toBe(short);
	});
});

describe('a risk’s and a recommendation’s history in words', () => {
	it('names the review, drops the impact that did not change, and names the key action and its status', async () => {
		const programme = patss.programme;
		const coord = await sessionUser(db, COORD);
		const risk = await db.selectFrom('risk').selectAll().where('programme_id', '=', programme.id).orderBy('id').executeTakeFirstOrThrow();
		await reviewRisk(
			db,
			coord,
			programme,
			risk.id,
			risk.version,
			{
				reviewedOn: '2022-03-01',
				likelihood: risk.likelihood === 5 ? 4 : risk.likelihood + 1,
				impact: risk.impact,
				note: '',
				nextReviewDate: null
			},
			'2026-11-21'
		);
		const detail = await loadRiskDetail(db, programme, { internal: true }, { riskId: risk.id, asOf: '2026-11-21' });
		const review = auditEntry(es, detail.history[0]!, detail.historyNames);
		expect(review.action).toBe('reevaluación');
		const lines = review.lines.map(said);
		expect(lines.find((l) => l.startsWith('Revisión: '))).toMatch(/ · 1 mar 2022$/);
		expect(lines.find((l) => l.startsWith('Probabilidad: '))).toMatch(/^Probabilidad: \d — .+ → \d — .+$/);
		expect(lines.some((l) => l.startsWith('Impacto'))).toBe(false);

		const rec = await db
			.selectFrom('recommendation')
			.selectAll()
			.where('programme_id', '=', programme.id)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const keyActionId = await addKeyAction(db, coord, programme, rec.id, {
			action: 'Publicar el reglamento',
			responsible: '',
			dueDate: null,
			status: 'initiated'
		});
		const recDetail = await loadRecommendationDetail(db, programme, { internal: true }, { recommendationId: rec.id });
		const added = recDetail.history.find((h) => h.entity === 'key_action' && h.entityId === String(keyActionId))!;
		const entry = auditEntry(en, added, recDetail.historyNames, { hide: ['recommendationId'] });
		expect([entry.entity, text(entry.subject), entry.lines.map(said)]).toEqual([
			'Key action',
			`${rec.code} Publicar el reglamento`,
			['Action: Publicar el reglamento', 'Status: Initiated']
		]);
		expect(entry.subject[0]!.href).toBe(`/programmes/patss/recommendations/${rec.id}`);
	});
});

describe('the admin audit log in words', () => {
	it('names each entry’s record and links people to their accounts', async () => {
		const admin = await sessionUser(db, 'admin@avance.test');
		const r = await outcome(() =>
			call(loadAudit, makeEvent({ user: admin, url: `http://localhost/admin/audit?programme=${patss.programme.id}` }))
		);
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		const data = r.value as unknown as AuditPage;
		expect(data.entries.length).toBeGreaterThan(0);
		const views = data.entries.map((e) => auditEntry(es, e, data.names));
		for (const view of views) expect(text(view.subject)).not.toMatch(/^#?\d+$|registro eliminado/);
		const approval = data.entries.findIndex((e) => e.action === 'approve');
		expect(views[approval]!.subject[0]!.href).toMatch(/^\/programmes\/patss\/indicators\/\d+$/);
		// A programme access names the person (linked to the account) and the programme.
		const all = await outcome(() => call(loadAudit, makeEvent({ user: admin, url: 'http://localhost/admin/audit?entity=membership' })));
		if (all.kind !== 'value') throw new Error(JSON.stringify(all));
		const m = all.value as unknown as AuditPage;
		expect(m.entries.length).toBeGreaterThan(0);
		const [user] = m.entries[0]!.entityId.split(':');
		expect(m.names[`user:${user}`]!.href).toBe(`/admin/users/${user}`);
		expect(text(auditEntry(en, m.entries[0]!, m.names).subject)).toMatch(/^.+ · .+$/);
	});
});
