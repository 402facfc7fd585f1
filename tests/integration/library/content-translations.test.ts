import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { libraryText } from '$lib/library-text';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock } from '$lib/reports/document';
import { recordTranslations } from '$lib/server/core/translations';
import { listDialogueEvents } from '$lib/server/dialogue/events';
import { createLibraryEntry, getLibraryEntry, libraryEntrySchema, listLibrary } from '$lib/server/library/entries';
import { draftSnapshot } from '$lib/server/reports/reports';
import { actions as create } from '../../../src/routes/programmes/[slug]/dialogue/+page.server';
import { actions as edit } from '../../../src/routes/programmes/[slug]/dialogue/[id]/edit/+page.server';
import { actions as libraryEdit } from '../../../src/routes/library/[id]/edit/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { postAs } from '../../helpers/actions';
import { sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Issue 25, reviewer finding 4: a library entry's unit, disaggregations, source and framework
// references, and a social-dialogue event's body, outcome and parties' names, are content in two
// languages: an English field beside each on the forms, the English where it exists and the
// Spanish marked "(es)" where it does not (library pages, comparison, dialogue page, report).

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const ADMIN = 'admin@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
}, 60_000);

describe('library entries in two languages', () => {
	it('seeds the English of every seeded entry', async () => {
		const entries = await listLibrary(db, 'en');
		expect(entries.length).toBeGreaterThanOrEqual(8);
		for (const e of entries) {
			expect(e.sourceEn, e.code).not.toBe('');
			expect(e.frameworkRefsEn, e.code).not.toBe('');
			if (e.unit) expect(e.unitEn, e.code).not.toBe('');
			if (e.disaggregations) expect(e.disaggregationsEn, e.code).not.toBe('');
		}
		const c102 = entries.find((e) => e.code === 'ILO-C102-BRANCHES')!;
		expect(libraryText(c102, 'unit', 'en')).toEqual({ text: 'branches', lang: 'en', fallback: false });
		expect(libraryText(c102, 'unit', 'es')).toEqual({ text: 'ramas', lang: 'es', fallback: false });
		expect(libraryText(c102, 'frameworkRefs', 'en').text).toBe('ILO Convention 102; SDG 1.3');
	});

	it('an entry without its English reads in Spanish, marked, and the edit form saves the English (audited)', async () => {
		const admin = await sessionUser(db, ADMIN);
		const id = await createLibraryEntry(
			db,
			admin,
			libraryEntrySchema.parse({
				code: 'TEST-EN',
				titleEs: 'Prueba',
				titleEn: 'Test',
				measure: 'number',
				unit: 'talleres',
				direction: 'increase',
				source: 'Registros del proyecto'
			})
		);
		const before = await getLibraryEntry(db, id);
		expect(libraryText(before, 'unit', 'en')).toEqual({ text: 'talleres', lang: 'es', fallback: true });
		expect(libraryText(before, 'source', 'en').fallback).toBe(true);

		const r = await postAs(db, libraryEdit.default as never, ADMIN, {
			params: { id: String(id) },
			route: '/library/[id]/edit',
			form: {
				_form: 'library',
				version: String(before.version),
				code: 'TEST-EN',
				titleEs: 'Prueba',
				titleEn: 'Test',
				measure: 'number',
				unit: 'talleres',
				unitEn: 'workshops',
				direction: 'increase',
				source: 'Registros del proyecto',
				sourceEn: 'Project records'
			}
		});
		expect(r.kind).toBe('redirect');
		const after = await getLibraryEntry(db, id);
		expect(libraryText(after, 'unit', 'en')).toEqual({ text: 'workshops', lang: 'en', fallback: false });
		expect(libraryText(after, 'source', 'en').text).toBe('Project records');
		const audit = await db
			.selectFrom('audit_log')
			.select(['after'])
			.where('entity', '=', 'library_indicator')
			.where('entity_id', '=', String(id))
			.where('action', '=', 'update')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toMatchObject({ unit_en: 'workshops', source_en: 'Project records' });
	});
});

describe('social-dialogue events in two languages', () => {
	const post = (actions: Record<string, unknown>, name: string, form: Record<string, string>, id?: number) =>
		postAs(db, actions[name] as (event: never) => unknown, COORD, {
			params: { slug: 'patss', ...(id ? { id: String(id) } : {}) },
			route: id ? '/programmes/[slug]/dialogue/[id]/edit' : '/programmes/[slug]/dialogue',
			form
		});

	it('seeds the English of the seeded events', async () => {
		const events = await listDialogueEvents(db, patss.programme.id);
		const board = events.find((e) => e.body === 'Consejo Directivo del IESS')!;
		const en = await recordTranslations(db, 'social_dialogue_event', board.id, 'en');
		expect(en).toMatchObject({ body: 'IESS Governing Board', names_other: 'ILO' });
		expect(en.outcome).toMatch(/^Presentation of the guidance/);
		for (const e of events) expect((await recordTranslations(db, 'social_dialogue_event', e.id, 'en')).body, e.body).toBeTruthy();
	});

	it('the form writes the English beside the Spanish, a later save changes only it, and a deletion takes it along', async () => {
		const base = {
			heldOn: '2022-03-10',
			body: 'Mesa tripartita de afiliación',
			bodyTranslation: 'Tripartite affiliation table',
			outcome: 'Acta firmada.',
			outcomeTranslation: 'Minutes signed.',
			present_government: 'on',
			names_government: 'Ministerio del Trabajo',
			names_governmentTranslation: 'Ministry of Labour',
			present_workers: 'on',
			names_workers: 'CUT'
		};
		await post(create, 'create', base);
		const event = (await listDialogueEvents(db, patss.programme.id)).find((e) => e.body === base.body)!;
		expect(await recordTranslations(db, 'social_dialogue_event', event.id, 'en')).toEqual({
			body: 'Tripartite affiliation table',
			outcome: 'Minutes signed.',
			names_government: 'Ministry of Labour'
		});

		// Only the English changes: the event itself is untouched, the translation is written and audited.
		const r = await post(
			edit,
			'update',
			{ _form: 'dialogue', version: String(event.version), ...base, outcomeTranslation: 'Minutes signed by all.' },
			event.id
		);
		expect(r.kind).toBe('redirect');
		expect(await recordTranslations(db, 'social_dialogue_event', event.id, 'en')).toMatchObject({ outcome: 'Minutes signed by all.' });
		const translate = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity', '=', 'social_dialogue_event')
			.where('entity_id', '=', String(event.id))
			.where('action', '=', 'translate')
			.execute();
		expect(translate.map((a) => JSON.parse(a.after ?? 'null'))).toContainEqual({ outcome_en: 'Minutes signed by all.' });

		const current = (await listDialogueEvents(db, patss.programme.id)).find((e) => e.id === event.id)!;
		await post(edit, 'delete', { version: String(current.version), confirm: 'yes' }, event.id);
		expect(await recordTranslations(db, 'social_dialogue_event', event.id, 'en')).toEqual({});
	});

	it('the English report prints an event’s body in English, and an untranslated one marked "(es)"', async () => {
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		const untranslated = await db
			.insertInto('social_dialogue_event')
			.values({ programme_id: patss.programme.id, held_on: '2020-12-01', body: 'Reunión sin traducir' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('social_dialogue_party').values({ event_id: untranslated.id, constituent: 'workers', names: '' }).execute();
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S1'), patss.periodId('2020-S2')]);
		const snapshot = await draftSnapshot(db, patss.programme, reportId, 'https://avance.example.org');
		const board = snapshot.tripartite!.events.find((e) => e.body === 'Consejo Directivo del IESS')!;
		expect(board.bodyText).toEqual({ original: 'Consejo Directivo del IESS', translation: 'IESS Governing Board' });
		const bodies = (lang: 'es' | 'en') => {
			const doc = composeReport(snapshot, lang);
			const block = doc.sections.find((s) => s.key === 'sustainability')!.evidence.find((e) => e.key === 'tripartite')!;
			const tables = block.blocks.flatMap((b: DocBlock) => (b.type === 'table' ? [b.table] : []));
			return tables.at(-1)!.rows.map((r) => (r.type === 'row' ? inlineText(r.cells[1]!) : ''));
		};
		expect(bodies('en')).toContain('IESS Governing Board');
		expect(bodies('en').find((b) => b.startsWith('Reunión sin traducir'))).toMatch(/^Reunión sin traducir ?\(es\)$/);
		expect(bodies('es')).toContain('Consejo Directivo del IESS');
		expect(bodies('es')).toContain('Reunión sin traducir');
	});
});
