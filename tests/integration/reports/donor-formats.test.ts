import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { createI18n } from '$lib/i18n/context';
import { inlineText, type DocBlock, type DocTable, type ReportDocument } from '$lib/reports/document';
import { annexesOf, OUTLINES } from '$lib/reports/outline';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { loadFinance } from '$lib/server/finance/finance-read';
import { readDonorFacts, updateDonorFacts, donorFactsSchema } from '$lib/server/programmes/donor-facts';
import { activitySchema, updateActivity } from '$lib/server/programmes/logframe';
import { getProgrammeBySlug, toActivity } from '$lib/server/programmes/programmes';
import { issueReport } from '$lib/server/reports/jobs';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// The donors' own formats (issue 21): each layout's outline and generated blocks from the
// snapshot, the TCPR's financial summary against the finance read model, the EU logframe annex's
// sources, assumptions and years, and the work plan of the next period.

const origin = 'http://localhost:3000';
let db: Db;
let salvador: Programme;
let peru: Programme;
let evaluator: { id: number; name: string };
let admin: { id: number; name: string };

const periodIds = async (programme: Programme, labels: string[]) =>
	(await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute())
		.filter((p) => labels.includes(p.label))
		.map((p) => p.id);

const tables = (blocks: readonly DocBlock[]): DocTable[] => blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));
const text = (value: unknown): string => JSON.stringify(value);
const rowsText = (t: DocTable) =>
	t.rows.map((r) => (r.type === 'row' ? r.cells.map((c) => inlineText(c)).join(' | ') : inlineText(r.cells)));
const evidence = (doc: ReportDocument, section: string, block: string) =>
	doc.sections.find((s) => s.key === section)!.evidence.find((e) => e.key === block)!;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-donor-formats-'));
	db = await freshDatabase({ demoAccounts: true });
	salvador = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
	peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
	evaluator = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'evaluator@avance.test').executeTakeFirstOrThrow();
	admin = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'admin@avance.test').executeTakeFirstOrThrow();
});

describe('the report layout column', () => {
	it('accepts the ILO TCPR and still refuses a layout nobody defined', async () => {
		const id = await writtenReport(db, evaluator, salvador, await periodIds(salvador, ['2019-S1']), { layout: 'ilo_tcpr' });
		expect((await db.selectFrom('report').select('layout').where('id', '=', id).executeTakeFirstOrThrow()).layout).toBe('ilo_tcpr');
		await expect(
			db
				.updateTable('report')
				.set({ layout: 'nonsense' as never })
				.where('id', '=', id)
				.execute()
		).rejects.toThrow();
		// The rebuilt table kept its children: the sections are still there and still cascade.
		const sections = await db.selectFrom('report_section').select('key').where('report_id', '=', id).execute();
		expect(sections.map((s) => s.key)).toEqual(expect.arrayContaining(OUTLINES.ilo_tcpr.map((s) => s.key)));
	});
});

describe('the donor facts', () => {
	it('are saved version-checked and audited, and refuse over-long input by field', async () => {
		const before = await readDonorFacts(db, salvador.id);
		const bad = donorFactsSchema.safeParse({ version: String(before.version), tcSymbol: 'x'.repeat(61) });
		expect(bad.success).toBe(false);
		const input = donorFactsSchema.parse({
			version: String(before.version),
			tcSymbol: 'SLV/16/03/RBS',
			administrativeUnit: 'Oficina de la OIT para América Central',
			backstoppingUnit: 'Departamento de Protección Social (SOCPRO)',
			pbOutcomes: 'Resultado 8: protección social integral y sostenible',
			dwcpOutcome: 'Piso de protección social ampliado',
			administrativeUnitTranslation: 'ILO Office for Central America',
			// Left untranslated (the seed gives an English version): printed with its "(es)" mark below.
			dwcpOutcomeTranslation: ''
		});
		await updateDonorFacts(db, admin, salvador, input);
		const after = await readDonorFacts(db, salvador.id);
		expect(after).toMatchObject({ tcSymbol: 'SLV/16/03/RBS', backstoppingUnit: 'Departamento de Protección Social (SOCPRO)' });
		await expect(updateDonorFacts(db, admin, salvador, input)).rejects.toThrow();
		const audit = await db
			.selectFrom('audit_log')
			.select(['after'])
			.where('entity', '=', 'programme')
			.where('entity_id', '=', String(salvador.id))
			.orderBy('id', 'desc')
			.execute();
		expect(audit.map((a) => a.after).join(' ')).toContain('SOCPRO');
	});
});

describe('the ILO TCPR of El Salvador', () => {
	let doc: ReportDocument;
	let docEn: ReportDocument;
	let cutOff: string;
	const reason = 'La contraparte pidió aplazar la propuesta hasta el cambio de autoridades del ISSS.';

	beforeAll(async () => {
		// An activity with a deviation reason, and one planned inside the next period.
		const rows = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.where('module.programme_id', '=', salvador.id)
			.orderBy('activity.id')
			.execute();
		const late = toActivity(rows.find((r) => r.code === '1.2.1')!);
		await updateActivity(
			db,
			admin,
			salvador,
			late.id,
			late.version,
			activitySchema.parse({ ...late, outputId: String(late.outputId), progress: String(late.progress), deviationReason: reason })
		);
		const next = toActivity(rows.find((r) => r.status !== 'completed' && r.code !== '1.2.1')!);
		await updateActivity(
			db,
			admin,
			salvador,
			next.id,
			next.version,
			activitySchema.parse({
				...next,
				outputId: String(next.outputId),
				progress: String(next.progress),
				plannedStart: '2019-08-01',
				plannedEnd: '2019-11-30',
				status: 'planned',
				actualStart: '',
				actualEnd: ''
			})
		);
		const id = await writtenReport(db, evaluator, salvador, await periodIds(salvador, ['2019-S1']), { layout: 'ilo_tcpr' });
		const snapshot = await draftSnapshot(db, salvador, id, origin);
		cutOff = snapshot.report.cutOff;
		doc = composeReport(snapshot, 'es');
		docEn = composeReport(snapshot, 'en');
	});

	it('follows the TCPR outline and ends with its annexes, "Records cited" last', () => {
		expect(doc.layout).toBe('ilo_tcpr');
		expect(doc.sections.map((s) => s.key)).toEqual(OUTLINES.ilo_tcpr.map((s) => s.key));
		expect(doc.annexes.map((a) => a.key)).toEqual([...annexesOf('ilo_tcpr')]);
		expect(doc.sections.some((s) => s.rated)).toBe(false);
		expect(docEn.sections.map((s) => s.title)).toEqual(
			expect.arrayContaining(['Progress per outcome', 'Social dialogue and tripartism', 'Disability inclusion', 'Requests for revision'])
		);
	});

	it('identifies the project with the new fact-sheet fields, translated where they are text', () => {
		const es = text(evidence(doc, 'identification', 'tcpr_identification'));
		expect(es).toContain('SLV/16/03/RBS');
		expect(es).toContain('Oficina de la OIT para América Central');
		expect(es).toContain('SOCPRO');
		const en = text(evidence(docEn, 'identification', 'tcpr_identification'));
		expect(en).toContain('ILO Office for Central America');
		// Untranslated text keeps its original with the "(es)" mark.
		expect(en).toContain('(es)');
	});

	it('prints per outcome the indicators with explanations and the activities with the reason for each deviation', () => {
		const block = evidence(doc, 'outcome_progress', 'outcome_progress');
		const activityTables = tables(block.blocks).filter((t) => t.id.endsWith('-activities'));
		expect(activityTables.length).toBeGreaterThan(0);
		const all = activityTables.flatMap(rowsText).join('\n');
		expect(all).toContain(reason);
		expect(tables(block.blocks)[0]!.columns.map((c) => c.label)).toContain('Indicador');
	});

	it('keeps the deviation reason in the activity’s history', async () => {
		const entries = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity', '=', 'activity')
			.where('action', '=', 'update')
			.orderBy('id')
			.execute();
		const entry = entries.find((e) => e.after?.includes(reason));
		expect(JSON.parse(entry!.after!)).toMatchObject({ deviationReason: reason });
		expect(JSON.parse(entry!.before!)).toMatchObject({ deviationReason: '' });
	});

	it('gives the financial summary the finance read model gives at the cut-off', async () => {
		const view = await loadFinance(db, salvador, { id: 0, internal: false, canReview: false }, { cutOff });
		const block = evidence(docEn, 'financial_report', 'financial_summary');
		const facts = block.blocks.find((b) => b.type === 'facts')!;
		// El Salvador's seeded budget is revised, so the rate is labelled as measured against the revised budget.
		const delivery = facts.type === 'facts' ? facts.items.find((i) => i.label.startsWith('Delivery rate')) : undefined;
		expect(delivery).toBeTruthy();
		const en = createI18n(() => 'en');
		expect(inlineText(delivery!.value)).toBe(en.percent(view.programme.deliveryRate));
		const spent = facts.type === 'facts' ? facts.items.find((i) => i.label === 'Spent to date') : undefined;
		expect(inlineText(spent!.value)).toBe(en.money(view.programme.spentMinor, view.currency));
	});

	it('plans the next period from the activities planned in it', () => {
		const block = evidence(docEn, 'next_period_plan', 'work_plan');
		const intro = block.blocks[0]!;
		expect(intro.type === 'paragraph' && inlineText(intro.inlines)).toContain('2019-S2');
		const rows = tables(block.blocks).flatMap(rowsText);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => !r.includes('Completed'))).toBe(true);
	});

	it('annexes the management response with key actions, responsible, due date and status', () => {
		const annex = doc.annexes.find((a) => a.key === 'management_response')!;
		const table = tables(annex.blocks)[0]!;
		expect(table.columns.map((c) => c.label)).toEqual(['Respuesta', 'Acciones clave', 'Responsable', 'Plazo', 'Estado']);
	});

	it('issues through the real pipeline', async () => {
		const id = await writtenReport(db, evaluator, salvador, await periodIds(salvador, ['2018-S1']), { layout: 'ilo_tcpr' });
		const version = (await db.selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		// The programme as it stands now (the donor facts above bumped its version).
		const programme = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
		await issueReport(db, evaluator, programme, id, version, fakeRenderers, { origin });
		const issue = await db.selectFrom('report_issue').select(['snapshot']).where('report_id', '=', id).executeTakeFirstOrThrow();
		const snapshot = JSON.parse(issue.snapshot);
		expect(snapshot.report.layout).toBe('ilo_tcpr');
		expect(snapshot.donor.facts.tcSymbol.original).toBe('SLV/16/03/RBS');
	});
});

describe('the EU interim narrative report of Peru', () => {
	let doc: ReportDocument;

	beforeAll(async () => {
		const indicator = await db
			.selectFrom('indicator')
			.select(['id', 'code'])
			.where('programme_id', '=', peru.id)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('indicator')
			.set({ means_of_verification: 'Registros administrativos del seguro', baseline_date: '2019-01-01', eu_logframe_code: 'GERF 2.16' })
			.where('id', '=', indicator.id)
			.execute();
		// The seed's English sources of data would print instead in English: this test reads the Spanish text.
		await db
			.deleteFrom('translation')
			.where('entity', '=', 'indicator')
			.where('entity_id', '=', indicator.id)
			.where('field', '=', 'means_of_verification')
			.execute();
		const assumption = await db
			.insertInto('risk')
			.values({
				programme_id: peru.id,
				code: 'S-9',
				kind: 'assumption',
				title: 'El gobierno mantiene su compromiso con la reforma',
				category: 'political',
				likelihood: 2,
				impact: 3
			} as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('risk_indicator').values({ risk_id: assumption.id, indicator_id: indicator.id }).execute();
		const labels = (
			await db.selectFrom('reporting_period').select('label').where('programme_id', '=', peru.id).orderBy('start_date').execute()
		).map((p) => p.label);
		const id = await writtenReport(db, evaluator, peru, await periodIds(peru, labels.slice(0, 2)), { layout: 'eu_narrative' });
		doc = composeReport(await draftSnapshot(db, peru, id, origin), 'en');
	});

	it('follows Annex VI, with target groups, intervention logic and logframe modifications', () => {
		expect(doc.sections.map((s) => s.key)).toEqual(OUTLINES.eu_narrative.map((s) => s.key));
		expect(doc.annexes.map((a) => a.key)).toEqual(['eu_logframe', 'records_cited']);
		expect(text(evidence(doc, 'visibility', 'eu_visibility'))).toContain('financial assistance of the European Union');
		const reached = tables(evidence(doc, 'target_groups', 'beneficiaries').blocks);
		if (reached.length) expect(reached[0]!.columns.map((c) => c.label)).toEqual(['Code', 'Indicator', 'Women', 'Men', 'Total']);
	});

	it('annexes the updated logframe with sources of data, assumptions, baseline and target years and EU codes', () => {
		const annex = doc.annexes.find((a) => a.key === 'eu_logframe')!;
		expect(annex.landscape).toBe(true);
		const table = tables(annex.blocks)[0]!;
		expect(table.columns.map((c) => c.label)).toEqual([
			'Results chain',
			'Indicator',
			'Baseline (year)',
			'Target (year)',
			'Current value',
			'Sources of data',
			'Assumptions',
			'EU / GERF code'
		]);
		const row = rowsText(table).find((r) => r.includes('Registros administrativos del seguro'))!;
		expect(row).toBeTruthy();
		expect(row).toContain('(2019)');
		expect(row).toContain(`(${peru.effectiveEndDate.slice(0, 4)})`);
		expect(row).toContain('S-9');
		expect(row).toContain('GERF 2.16');
	});
});
