import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import * as list from '../../../src/routes/programmes/[slug]/reports/+page.server';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Issue 21: the new-report form asks what the report is for — a progress report takes the donor
// layout of the programme's funding modality, an evaluation the OECD-DAC one, any layout can still
// be chosen — and the editor writes each TCPR outcome's narrative beside what it prints for it.

const EVALUATOR = 'evaluator@avance.test';
let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-report-purpose-'));
	db = await freshDatabase({ demoAccounts: true });
}, 180_000);

async function periodOf(slug: string) {
	const programme = (await seeded(db, slug)).programme;
	const p = await db
		.selectFrom('reporting_period')
		.select('id')
		.where('programme_id', '=', programme.id)
		.orderBy('start_date')
		.executeTakeFirstOrThrow();
	return { programme, periodId: String(p.id) };
}

async function create(slug: string, over: Record<string, string | string[]>) {
	const { periodId } = await periodOf(slug);
	return postAs(db, list.actions.create as (event: never) => unknown, EVALUATOR, {
		params: { slug },
		form: {
			_form: 'new-report',
			titleEs: 'Informe',
			titleEn: 'Report',
			window: 'periods',
			periodIds: periodId,
			languages: ['es', 'en'],
			...over
		}
	});
}
async function layoutOf(r: Awaited<ReturnType<typeof create>>) {
	expect(r.kind, JSON.stringify(r)).toBe('redirect');
	const id = Number(/reports\/(\d+)/.exec((r as { location: string }).location)![1]);
	return (await db.selectFrom('report').select('layout').where('id', '=', id).executeTakeFirstOrThrow()).layout;
}

describe('the new report’s purpose', () => {
	it('gives a progress report its funding modality’s donor layout and an evaluation the OECD-DAC one', async () => {
		expect(await layoutOf(await create('el-salvador-pps', { purpose: 'progress', layout: '' }))).toBe('ilo_tcpr');
		expect(await layoutOf(await create('patss', { purpose: 'progress', layout: '' }))).toBe('ilo_tcpr');
		expect(await layoutOf(await create('peru-desempleo-ue', { purpose: 'progress', layout: '' }))).toBe('eu_narrative');
		for (const slug of ['el-salvador-pps', 'peru-desempleo-ue'])
			expect(await layoutOf(await create(slug, { purpose: 'evaluation', layout: '' }))).toBe('oecd_dac');
		// A client that does not say is writing a progress report.
		expect(await layoutOf(await create('peru-desempleo-ue', {}))).toBe('eu_narrative');
	});

	it('keeps any layout selectable whatever the purpose', async () => {
		expect(await layoutOf(await create('el-salvador-pps', { purpose: 'evaluation', layout: 'eu_narrative' }))).toBe('eu_narrative');
		expect(await layoutOf(await create('peru-desempleo-ue', { purpose: 'progress', layout: 'oecd_dac' }))).toBe('oecd_dac');
	});

	it('refuses an unknown purpose or layout by field, keeping what was typed', async () => {
		const bad = formFailure(await create('el-salvador-pps', { purpose: 'audit', layout: 'memo' }));
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.data.errors).sort()).toEqual(['layout', 'purpose']);
		expect(bad.data.values).toMatchObject({ purpose: 'audit', titleEs: 'Informe' });
	});

	it('tells the form what each purpose resolves to for the programme', async () => {
		const page = await loadAs<{ purposeLayouts: Record<string, string> }>(db, list.load as (event: never) => unknown, EVALUATOR, {
			params: { slug: 'peru-desempleo-ue' }
		});
		expect(page.kind === 'value' && page.value.purposeLayouts).toEqual({ progress: 'eu_narrative', evaluation: 'oecd_dac' });
	});
});

describe('the TCPR editor', () => {
	it('offers each outcome’s narrative beside its own tables, saves it version-checked, and lists the empty ones as blockers', async () => {
		const { programme, periodId } = await periodOf('el-salvador-pps');
		const id = await writtenReport(db, { id: await userId(db, EVALUATOR) }, programme, [Number(periodId)], { layout: 'ilo_tcpr' });
		const params = { slug: 'el-salvador-pps', id: String(id) };
		type Outcome = { moduleId: number; code: string; version: number; narrativeEs: string; evidence: { blocks: { type: string }[] }[] };
		type Draft = { draft: { outcomes: Outcome[]; blockers: { kind: string; module?: string }[] } };
		const load = async () => {
			const r = await loadAs<Draft>(db, editor.load as (event: never) => unknown, EVALUATOR, { params });
			if (r.kind !== 'value') throw new Error(JSON.stringify(r));
			return r.value.draft;
		};
		const modules = await db
			.selectFrom('module')
			.select(['id', 'code'])
			.where('programme_id', '=', programme.id)
			.orderBy('sort_order')
			.execute();
		let draft = await load();
		expect(draft.outcomes.map((o) => o.code)).toEqual(modules.map((m) => m.code));
		// Beside each narrative: that outcome's own tables (its activities at least), nothing of the others'.
		for (const o of draft.outcomes) expect(o.evidence.flatMap((e) => e.blocks).some((b) => b.type === 'table')).toBe(true);
		expect(draft.blockers.filter((b) => b.kind === 'outcome_narrative')).toEqual([]);

		const first = draft.outcomes[0]!;
		const post = (form: Record<string, string>) =>
			postAs(db, editor.actions.saveOutcome as (event: never) => unknown, EVALUATOR, {
				params,
				form: { _form: `outcome-${first.moduleId}`, ...form }
			});
		const saved = await post({
			moduleId: String(first.moduleId),
			version: String(first.version),
			narrativeEs: '',
			narrativeEn: 'Only English.'
		});
		expect(saved).toMatchObject({ kind: 'redirect', location: expect.stringContaining(`#outcome-${first.moduleId}`) });
		draft = await load();
		expect(draft.blockers).toContainEqual(expect.objectContaining({ kind: 'outcome_narrative', module: first.code, lang: 'es' }));
		// The same version again: someone saved in between.
		const stale = await post({
			moduleId: String(first.moduleId),
			version: String(first.version),
			narrativeEs: 'Otra.',
			narrativeEn: 'Other.'
		});
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });
		// Input out of bounds is a field error, not a 500.
		const long = formFailure(
			await post({ moduleId: String(first.moduleId), version: String(first.version + 1), narrativeEs: 'x'.repeat(20_001), narrativeEn: '' })
		);
		expect(long.status).toBe(400);
		expect(Object.keys(long.data.errors)).toEqual(['narrativeEs']);
		expect(long.data.values).toMatchObject({ narrativeEn: '' });
		// Someone without a role in the programme cannot write.
		const donor = await postAs(db, editor.actions.saveOutcome as (event: never) => unknown, 'coord.peru@avance.test', {
			params,
			form: { _form: 'x', moduleId: String(first.moduleId), version: '0', narrativeEs: 'x', narrativeEn: 'x' }
		});
		expect(
			donor.kind === 'error' ? donor.status : donor.kind === 'value' ? (donor.value as { status: number }).status : 0
		).toBeGreaterThanOrEqual(403);
	});
});
