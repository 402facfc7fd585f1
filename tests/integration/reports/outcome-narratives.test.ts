import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportBlockers } from '$lib/reports/blockers';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock, type ReportDocument } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Programme } from '$lib/model';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError } from '$lib/server/core/errors';
import type { Db } from '$lib/server/db/connection';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { issueReport } from '$lib/server/reports/jobs';
import { loadModuleNarratives, moduleNarrativeSchema, saveModuleNarrative } from '$lib/server/reports/module-narratives';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// The ILO progress report's narrative per outcome (issue 21): one per module, per report and
// language, version-checked and audited, printed under the module's heading before its indicator
// table, frozen in the snapshot, and an empty one blocks the issue.

const origin = 'http://localhost:3000';
let db: Db;
let salvador: Programme;
let patss: Programme;
let evaluator: { id: number; name: string };
let modules: { id: number; code: string }[];

const periodIds = async (programme: Programme, labels: string[]) =>
	(await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute())
		.filter((p) => labels.includes(p.label))
		.map((p) => p.id);

const outcomeBlocks = (doc: ReportDocument): DocBlock[] =>
	doc.sections.find((s) => s.key === 'outcome_progress')!.evidence.find((e) => e.key === 'outcome_progress')!.blocks;
const blockText = (b: DocBlock): string =>
	b.type === 'paragraph' || b.type === 'note' ? inlineText(b.inlines) : b.type === 'table' ? `table:${b.table.id}` : b.type;

async function tcpr(): Promise<number> {
	return writtenReport(db, evaluator, salvador, await periodIds(salvador, ['2019-S1']), { layout: 'ilo_tcpr' });
}
async function saved(reportId: number, code: string) {
	const m = modules.find((x) => x.code === code)!;
	return (await loadModuleNarratives(db, reportId)).find((r) => r.moduleId === m.id)!;
}

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-outcome-narratives-'));
	db = await freshDatabase({ demoAccounts: true });
	salvador = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	evaluator = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'evaluator@avance.test').executeTakeFirstOrThrow();
	modules = await db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', salvador.id).orderBy('sort_order').execute();
	expect(modules.length).toBeGreaterThan(1);
}, 180_000);

describe('an outcome’s narrative', () => {
	it('is printed under its own module’s heading, before its indicator table, in the reader’s language', async () => {
		const id = await tcpr();
		const m2 = modules[1]!;
		const current = await saved(id, m2.code);
		await saveModuleNarrative(db, evaluator, salvador, id, {
			moduleId: m2.id,
			version: current.version,
			narrativeEs: 'La estrategia de **formalización** avanzó con los interlocutores sociales.',
			narrativeEn: 'The **formalisation** strategy moved forward with the social partners.'
		});
		const snapshot = await draftSnapshot(db, salvador, id, origin);
		expect(snapshot.donor?.outcomes?.map((o) => o.moduleKey)).toEqual(snapshot.modules.map((m) => m.key));
		for (const [lang, words, other] of [
			['es', 'La estrategia de formalización avanzó', 'The formalisation strategy'],
			['en', 'The formalisation strategy moved forward', 'La estrategia de formalización']
		] as const) {
			const texts = outcomeBlocks(composeReport(snapshot, lang)).map(blockText);
			const heading = texts.findIndex((t) => t.startsWith(`${m2.code} `));
			const next = texts.findIndex((t, n) => n > heading && modules.some((m) => m !== m2 && t.startsWith(`${m.code} `)));
			const own = texts.slice(heading, next < 0 ? undefined : next);
			const at = own.findIndex((t) => t.includes(words));
			expect(at, `${lang}: ${JSON.stringify(own)}`).toBeGreaterThan(0);
			// Its narrative comes before the module's own tables, and no other module prints it.
			const firstTable = own.findIndex((t) => t.startsWith('table:'));
			if (firstTable >= 0) expect(at).toBeLessThan(firstTable);
			expect(texts.filter((t) => t.includes(words))).toHaveLength(1);
			expect(texts.some((t) => t.includes(other))).toBe(false);
			// Every other module prints its own words.
			for (const m of modules.filter((x) => x !== m2))
				expect(
					texts.some((t) => t.includes(lang === 'es' ? `Narrativa del resultado ${m.code}.` : `Narrative of outcome ${m.code}.`))
				).toBe(true);
		}
		expect(reportBlockers(snapshot).filter((b) => b.kind === 'outcome_narrative')).toEqual([]);
	});

	it('left empty in a language to issue blocks the issue, naming the outcome and the language', async () => {
		const id = await tcpr();
		const m1 = modules[0]!;
		const current = await saved(id, m1.code);
		await saveModuleNarrative(db, evaluator, salvador, id, {
			moduleId: m1.id,
			version: current.version,
			narrativeEs: '   ',
			narrativeEn: 'Only in English.'
		});
		const blockers = reportBlockers(await draftSnapshot(db, salvador, id, origin));
		expect(blockers).toEqual([{ kind: 'outcome_narrative', section: 'outcome_progress', lang: 'es', module: m1.code }]);
		const version = (await db.selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		await expect(issueReport(db, evaluator, salvador, id, version, fakeRenderers, { origin })).rejects.toBeInstanceOf(
			ForbiddenTransitionError
		);
		// A module with no row at all is as empty as a blank one.
		await db.deleteFrom('report_module_narrative').where('report_id', '=', id).execute();
		const none = reportBlockers(await draftSnapshot(db, salvador, id, origin)).filter((b) => b.kind === 'outcome_narrative');
		expect(none).toHaveLength(modules.length * 2);
	});

	it('is version-checked, audited, and refuses a citation that names no record', async () => {
		const id = await tcpr();
		const m3 = modules[2] ?? modules[0]!;
		const current = await saved(id, m3.code);
		await saveModuleNarrative(db, evaluator, salvador, id, {
			moduleId: m3.id,
			version: current.version,
			narrativeEs: 'Primera versión.',
			narrativeEn: 'First version.'
		});
		// A second evaluator still holding the old version gets a conflict, never a silent overwrite.
		await expect(
			saveModuleNarrative(db, evaluator, salvador, id, {
				moduleId: m3.id,
				version: current.version,
				narrativeEs: 'Otra.',
				narrativeEn: 'Other.'
			})
		).rejects.toBeInstanceOf(ConflictError);
		// So does one writing the first narrative of an outcome someone else has already written.
		await expect(
			saveModuleNarrative(db, evaluator, salvador, id, { moduleId: m3.id, version: 0, narrativeEs: 'Otra.', narrativeEn: 'Other.' })
		).rejects.toBeInstanceOf(ConflictError);
		expect((await saved(id, m3.code)).narrativeEs).toBe('Primera versión.');

		const row = await db
			.selectFrom('report_module_narrative')
			.select('id')
			.where('report_id', '=', id)
			.where('module_id', '=', m3.id)
			.executeTakeFirstOrThrow();
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'before', 'after'])
			.where('entity', '=', 'report_module_narrative')
			.where('entity_id', '=', String(row.id))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
		expect(JSON.parse(audit[1]!.after!)).toEqual({ module: m3.code, narrative_es: 'Primera versión.', narrative_en: 'First version.' });
		expect(JSON.parse(audit[1]!.before!)).toMatchObject({ module: m3.code, narrative_es: `Narrativa del resultado ${m3.code}. ` });

		const latest = await saved(id, m3.code);
		const bad = saveModuleNarrative(db, evaluator, salvador, id, {
			moduleId: m3.id,
			version: latest.version,
			narrativeEs: 'Véase [[indicator:NO-EXISTE]].',
			narrativeEn: 'Fine.'
		});
		await expect(bad).rejects.toBeInstanceOf(DomainValidationError);
		await bad.catch((e: DomainValidationError) => expect(Object.keys(e.fields)).toEqual(['narrativeEs']));
	});

	it('belongs to a draft TCPR of the programme: another layout, another programme’s module, bad input are refused', async () => {
		const dac = await writtenReport(db, evaluator, salvador, await periodIds(salvador, ['2019-S1']));
		await expect(
			saveModuleNarrative(db, evaluator, salvador, dac, { moduleId: modules[0]!.id, version: 0, narrativeEs: 'x', narrativeEn: 'x' })
		).rejects.toBeInstanceOf(NotFoundError);
		const id = await tcpr();
		const foreign = await db.selectFrom('module').select('id').where('programme_id', '=', patss.id).executeTakeFirstOrThrow();
		await expect(
			saveModuleNarrative(db, evaluator, salvador, id, { moduleId: foreign.id, version: 0, narrativeEs: 'x', narrativeEn: 'x' })
		).rejects.toBeInstanceOf(DomainValidationError);
		expect(moduleNarrativeSchema.safeParse({ moduleId: 'abc', version: '1', narrativeEs: '', narrativeEn: '' }).success).toBe(false);
		expect(moduleNarrativeSchema.safeParse({ moduleId: '1', version: '-1', narrativeEs: '', narrativeEn: '' }).success).toBe(false);
		expect(moduleNarrativeSchema.safeParse({ moduleId: '1', version: '1', narrativeEs: 'x'.repeat(20_001), narrativeEn: '' }).success).toBe(
			false
		);
	});

	it('is frozen in the issued snapshot and read back from it, not from the table', async () => {
		const id = await tcpr();
		const version = (await db.selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		await issueReport(db, evaluator, salvador, id, version, fakeRenderers, { origin });
		const issue = await db.selectFrom('report_issue').select('snapshot').where('report_id', '=', id).executeTakeFirstOrThrow();
		const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
		expect(snapshot.donor?.outcomes).toHaveLength(modules.length);
		for (const o of snapshot.donor!.outcomes!) {
			const code = snapshot.modules.find((m) => m.key === o.moduleKey)!.code;
			expect(o.narrative).toEqual({ es: `Narrativa del resultado ${code}. `, en: `Narrative of outcome ${code}. ` });
		}
		// A later edit of the table (were it possible) changes nothing in what was issued.
		await db.updateTable('report_module_narrative').set({ narrative_es: 'Cambiado' }).where('report_id', '=', id).execute();
		expect(JSON.stringify(composeReport(snapshot, 'es'))).not.toContain('Cambiado');
		// An issued report's narratives can no longer be saved.
		await expect(
			saveModuleNarrative(db, evaluator, salvador, id, { moduleId: modules[0]!.id, version: 1, narrativeEs: 'x', narrativeEn: 'x' })
		).rejects.toBeInstanceOf(ForbiddenTransitionError);
	});
});
