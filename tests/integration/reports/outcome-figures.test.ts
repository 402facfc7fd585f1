import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import type { Blocker } from '$lib/reports/blockers';
import { citedValues } from '$lib/reports/cited-figures';
import type { Db } from '$lib/server/db/connection';
import { loadModuleNarratives, saveModuleNarrative } from '$lib/server/reports/module-narratives';
import { draftSnapshot, reportRowFor } from '$lib/server/reports/reports';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Figures typed in an outcome's own narrative (issue 21) are checked as the section narratives
// are (issue 19), by the same rule (cited-figures.ts): a number typed right before a value
// citation that differs from the value is listed in the editor, naming the outcome, and the issue
// is refused; the right figure passes.

const EVALUATOR = 'evaluator@avance.test';
const origin = 'https://avance.example.org';
let db: Db;
let programme: Programme;
let evaluator: { id: number; name: string };
let reportId: number;
let key: string;
let value: number;
let figure: string;
let module: { id: number; code: string };

async function writeOutcome(en: string, es: string) {
	const current = (await loadModuleNarratives(db, reportId)).find((r) => r.moduleId === module.id)!;
	await saveModuleNarrative(db, evaluator, programme, reportId, {
		moduleId: module.id,
		version: current.version,
		narrativeEs: es,
		narrativeEn: en
	});
}
const blockers = async () => {
	const page = await loadAs<{ draft: { blockers: Blocker[] } }>(db, editor.load, EVALUATOR, {
		params: { slug: 'patss', id: String(reportId) }
	});
	if (page.kind !== 'value') throw new Error('expected the editor');
	return page.value.draft.blockers;
};

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-outcome-figures-'));
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
	reportId = await writtenReport(db, evaluator, programme, [patss.periodId('2020-S1')], { layout: 'ilo_tcpr' });
	const snapshot = await draftSnapshot(db, programme, reportId, origin);
	const [k, cited] = [...citedValues(snapshot)].find(([, c]) => c.indicator.measure === 'number' && (c.period.value ?? 0) >= 10)!;
	key = k;
	value = cited.period.value!;
	figure = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 }).format(value);
	module = (
		await db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programme.id).orderBy('sort_order').execute()
	)[0]!;
	// The report is otherwise ready to issue.
	expect(await blockers()).toEqual([]);
}, 180_000);

describe('a figure typed in an outcome narrative', () => {
	it('differing from the value cited is listed in the editor, naming the outcome, and blocks the issue', async () => {
		await writeOutcome(`Affiliation reached ${value + 7} [[${key}]] people.`, `La afiliación llegó a [[${key}]] personas.`);
		expect(await blockers()).toEqual([
			{
				kind: 'outcome_figure',
				section: 'outcome_progress',
				lang: 'en',
				module: module.code,
				raw: `[[${key}]]`,
				typed: String(value + 7),
				cited: figure
			}
		]);
		const refused = formFailure(
			await postAs(db, editor.actions.issue, EVALUATOR, {
				params: { slug: 'patss', id: String(reportId) },
				form: { _form: 'issue', version: String((await reportRowFor(db, programme.id, reportId)).version) }
			})
		);
		expect(refused.status).toBe(403);
		expect(await db.selectFrom('report_job').select('id').where('report_id', '=', reportId).execute()).toEqual([]);
	});

	it('is checked in the Spanish text too, written the Spanish way', async () => {
		const es = new Intl.NumberFormat('es-ES', { maximumFractionDigits: 6, useGrouping: true }).format(value + 1000);
		await writeOutcome(`Affiliation reached ${value} [[${key}]] people.`, `La afiliación llegó a ${es} [[${key}]] personas.`);
		expect((await blockers()).map((b) => [b.kind, 'lang' in b ? b.lang : null, 'typed' in b ? b.typed : null])).toEqual([
			['outcome_figure', 'es', es]
		]);
	});

	it('agreeing with the value cited passes', async () => {
		await writeOutcome(`Affiliation reached ${value} [[${key}]] people.`, `La afiliación llegó a [[${key}]] personas.`);
		expect(await blockers()).toEqual([]);
	});
});
