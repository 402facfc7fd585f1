import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocInline, type DocTable, type ReportDocument } from '$lib/reports/document';
import { translate } from '$lib/i18n/translate';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Issue 25: a report's social-dialogue events printed the body and the groups present only; now
// the snapshot keeps each event's outcome and the names of the parties present, with their
// translations, and the report prints them in the reader's language or the original marked "(es)".

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
}, 120_000);

function eventsTable(doc: ReportDocument): DocTable {
	const caption = translate(doc.lang, 'dialogue.report.eventsCaption');
	for (const s of doc.sections)
		for (const e of s.evidence) for (const b of e.blocks) if (b.type === 'table' && b.table.caption === caption) return b.table;
	throw new Error('no events table');
}

const marked = (cells: DocInline[]) => cells.some((i) => i.type === 'mark');

describe('the social-dialogue events in a report', () => {
	it('print the outcome and the names of the parties present, translated where a translation exists, else marked', async () => {
		const p = patss.programme.id;
		const event = await db
			.insertInto('social_dialogue_event')
			.values({ programme_id: p, held_on: '2020-11-10', body: 'Mesa técnica tripartita', outcome: 'Acuerdo sobre la hoja de ruta.' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('social_dialogue_party')
			.values([
				{ event_id: event.id, constituent: 'government', names: 'Ministerio del Trabajo' },
				{ event_id: event.id, constituent: 'workers', names: 'Central sindical' }
			])
			.execute();
		await db
			.insertInto('translation')
			.values([
				{
					programme_id: p,
					entity: 'social_dialogue_event',
					entity_id: event.id,
					field: 'outcome',
					locale: 'en',
					text: 'Agreement on the roadmap.'
				},
				{
					programme_id: p,
					entity: 'social_dialogue_event',
					entity_id: event.id,
					field: 'names_government',
					locale: 'en',
					text: 'Ministry of Labour'
				}
			])
			.execute();
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S2')]);
		const snapshot = await draftSnapshot(db, patss.programme, reportId, 'https://avance.example.org');
		const frozen = snapshot.tripartite!.events.find((e) => e.id === event.id)!;
		expect(frozen.outcomeText).toEqual({ original: 'Acuerdo sobre la hoja de ruta.', translation: 'Agreement on the roadmap.' });
		expect(frozen.parties!.map((x) => x.names.original)).toEqual(['Ministerio del Trabajo', 'Central sindical']);

		const en = eventsTable(composeReport(snapshot, 'en'));
		expect(en.columns.map((c) => c.label)).toContain('Outcome');
		const row = en.rows.find((r) => r.type === 'row' && inlineText(r.cells[1]!).startsWith('Mesa técnica tripartita'));
		expect(row?.type).toBe('row');
		const cells = row!.type === 'row' ? row!.cells : [];
		const parties = inlineText(cells[2]!);
		expect(parties).toContain('Government: Ministry of Labour');
		expect(parties).toContain('Workers’ organisations: Central sindical (es)');
		expect(inlineText(cells[4]!)).toBe('Agreement on the roadmap.');
		expect(marked(cells[4]!)).toBe(false);

		const es = eventsTable(composeReport(snapshot, 'es'));
		const rowEs = es.rows.find((r) => r.type === 'row' && inlineText(r.cells[1]!) === 'Mesa técnica tripartita');
		const cellsEs = rowEs!.type === 'row' ? rowEs!.cells : [];
		expect(inlineText(cellsEs[2]!)).toContain('Gobierno: Ministerio del Trabajo');
		expect(inlineText(cellsEs[4]!)).toBe('Acuerdo sobre la hoja de ruta.');
	});

	it('print the groups only for a snapshot frozen before the names and outcome were kept', async () => {
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S2')]);
		const snapshot = await draftSnapshot(db, patss.programme, reportId, 'https://avance.example.org');
		for (const e of snapshot.tripartite!.events) {
			delete e.outcomeText;
			delete e.parties;
		}
		const table = eventsTable(composeReport(snapshot, 'en'));
		for (const r of table.rows) if (r.type === 'row') expect(inlineText(r.cells[4]!)).toBe('—');
	});
});
