import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { reportBlockers } from '$lib/reports/blockers';
import { composeReport } from '$lib/reports/compose';
import { inlineText } from '$lib/reports/document';
import type { Db } from '$lib/server/db/connection';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import { draftSnapshot, loadSections } from '$lib/server/reports/reports';
import { formFailure, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// "Not rated" with a reason, as ILO evaluations allow (issue 19): a criterion may be left unrated
// only with its justification in every language of the report; it then no longer blocks the issue
// and prints "Not rated" with the reason. An empty rating still blocks.

let db: Db;
let programme: Programme;
let reportId: number;
const EVALUATOR = 'evaluator@avance.test';

async function save(form: Record<string, string>) {
	const s = (await loadSections(db, reportId)).find((x) => x.key === 'efficiency')!;
	return postAs(db, editor.actions.save, EVALUATOR, {
		params: { slug: 'patss', id: String(reportId) },
		form: {
			_form: 'section-efficiency',
			key: 'efficiency',
			version: String(s.version),
			narrativeEs: 'Texto.',
			narrativeEn: 'Text.',
			...form
		},
		locale: 'en'
	});
}

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-not-rated-'));
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	programme = patss.programme;
	reportId = await writtenReport(db, { id: await userId(db, EVALUATOR) }, programme, [patss.periodId('2019-S1')]);
}, 120_000);

describe('a criterion left unrated', () => {
	it('is refused without its reason in each language, keeping what was typed', async () => {
		const refused = formFailure(await save({ rating: 'not_rated', justificationEs: 'Sin datos de costos.', justificationEn: '' }));
		expect(refused.status).toBe(400);
		expect(refused.data.errors).toEqual({ justificationEn: ['To leave the criterion unrated, write the reason here.'] });
		expect(refused.data.values.justificationEs).toBe('Sin datos de costos.');
		expect((await loadSections(db, reportId)).find((s) => s.key === 'efficiency')!.notRated).toBe(false);
	});

	it('with its reason: saved, no longer blocks the issue, and prints "Not rated" with the reason', async () => {
		const ok = await save({
			rating: 'not_rated',
			justificationEs: 'No se dispuso de datos de costos por producto.',
			justificationEn: 'No cost data per output were available.'
		});
		expect(ok.kind).toBe('redirect');
		const section = (await loadSections(db, reportId)).find((s) => s.key === 'efficiency')!;
		expect(section).toMatchObject({ rating: null, notRated: true });
		const snapshot = await draftSnapshot(db, programme, reportId, 'https://avance.example.org');
		expect(snapshot.sections.find((s) => s.key === 'efficiency')).toMatchObject({ rating: null, notRated: true });
		expect(reportBlockers(snapshot)).toEqual([]);
		const en = composeReport(snapshot, 'en').sections.find((s) => s.key === 'efficiency')!;
		expect(en.ratingLabel).toBe('Not rated (the reason follows, as the justification)');
		expect(en.justification.map((b) => (b.type === 'paragraph' ? inlineText(b.inlines) : '')).join(' ')).toBe(
			'No cost data per output were available.'
		);
		const es = composeReport(snapshot, 'es').sections.find((s) => s.key === 'efficiency')!;
		expect(es.ratingLabel).toBe('No calificado (el motivo sigue, en la justificación)');
	});

	it('an empty rating still blocks the issue', async () => {
		expect((await save({ rating: '', justificationEs: 'x', justificationEn: 'x' })).kind).toBe('redirect');
		const snapshot = await draftSnapshot(db, programme, reportId, 'https://avance.example.org');
		expect(reportBlockers(snapshot)).toEqual([{ kind: 'rating', section: 'efficiency' }]);
	});
});
