import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '$lib/server/evaluation/search';
import { openDatabase, type Db } from '$lib/server/db/connection';
import { appMigrations } from '$lib/server/db/migrations';
import { runMigrations } from '$lib/server/db/migrate';
import { actions as detailActions } from '../../../src/routes/programmes/[slug]/lessons/[id]/+page.server';
import { actions as editActions } from '../../../src/routes/programmes/[slug]/lessons/[id]/edit/+page.server';
import { actions as newActions } from '../../../src/routes/programmes/[slug]/lessons/new/+page.server';
import { load as loadSearch } from '../../../src/routes/lessons/+page.server';
import { loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, tempDatabasePath } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// The indexed word table behind the search across programmes, through the routes, on the database
// the suite runs on (SQLite, or PostgreSQL under `npm run test:pg`): every write keeps an entry's
// words in step with its text in both languages, a term finds the words it starts, donors find
// validated entries only, and an English search finds a Spanish entry by its translation.

let db: Db;
const COORD = 'coord.patss@avance.test';
const EVALUATOR = 'evaluator@avance.test';
const DONOR = 'donor.iess@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

const form = (over: Record<string, string> = {}) => ({
	_form: 'lesson',
	kind: 'lesson',
	theme: 'social_security_administration',
	criterion: 'effectiveness',
	// Invented words, so that nothing the seed holds matches them.
	title: 'Las brigadas zorzalianas de afiliación llegaron a los mercados',
	titleTranslation: 'The quetzalian enrolment brigades reached the markets',
	context: 'Se trabajó con gremios de comerciantes.',
	challenges: 'La movilidad de los trabajadores.',
	...over
});

async function create(over: Record<string, string> = {}): Promise<number> {
	const r = await postAs(db, newActions.create, COORD, {
		params: { slug: 'patss' },
		form: form(over),
		route: '/programmes/[slug]/lessons/new'
	});
	if (r.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(r)}`);
	return Number(r.location.split('?')[0]!.split('/').at(-1));
}

const versionOf = async (id: number) =>
	(await db.selectFrom('lesson').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const wordsOf = async (id: number) =>
	(await db.selectFrom('lesson_word').select('word').where('lesson_id', '=', id).orderBy('word').execute()).map((r) => r.word);

async function searchAs(email: string, q: string, locale: 'es' | 'en' = 'es'): Promise<SearchHit[]> {
	const r = await loadAs<{ hits: SearchHit[] }>(db, loadSearch, email, {
		url: `http://localhost/lessons?q=${encodeURIComponent(q)}`,
		locale
	});
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value.hits;
}

async function validate(id: number): Promise<void> {
	const r = await postAs(db, detailActions.validate, EVALUATOR, {
		params: { slug: 'patss', id: String(id) },
		form: { _form: 'validate', version: String(await versionOf(id)) },
		route: '/programmes/[slug]/lessons/[id]'
	});
	if (r.kind !== 'redirect') throw new Error(JSON.stringify(r));
}

describe('the word table', () => {
	it('holds the distinct folded words of both languages once each', async () => {
		const id = await create();
		const words = await wordsOf(id);
		expect(words).toContain('zorzalianas');
		expect(words).toContain('afiliacion');
		expect(words).toContain('quetzalian');
		expect(words).toContain('enrolment');
		expect(new Set(words).size).toBe(words.length);
	});

	it('follows an edit in the same write: the old words go, the new ones come', async () => {
		const id = await create({ title: 'Las brigadas colibríes de afiliación' });
		expect(await wordsOf(id)).toContain('colibries');
		const r = await postAs(db, editActions.update, COORD, {
			params: { slug: 'patss', id: String(id) },
			form: { ...form({ title: 'Las brigadas tucanescas de afiliación' }), version: String(await versionOf(id)) }
		});
		expect(r.kind).toBe('redirect');
		const words = await wordsOf(id);
		expect(words).toContain('tucanescas');
		expect(words).not.toContain('colibries');
	});
});

describe('searching through the words', () => {
	let draftId: number;
	let validatedId: number;
	beforeAll(async () => {
		draftId = await create({ title: 'Borrador sobre las ventanillas guacamayas', titleTranslation: 'Draft on the macaw service desks' });
		validatedId = await create({
			title: 'Las ventanillas guacamayas acercaron la afiliación',
			titleTranslation: 'The macaw desks brought enrolment closer'
		});
		await validate(validatedId);
	});

	it('lets donors find validated entries only', async () => {
		const hits = await searchAs(DONOR, 'guacamayas');
		expect(hits.map((h) => h.id)).toEqual([validatedId]);
		expect(hits.map((h) => h.id)).not.toContain(draftId);
		// The team sees drafts on the programme's own list, never in the search across programmes.
		expect((await searchAs(COORD, 'guacamayas')).map((h) => h.id)).toEqual([validatedId]);
	});

	it('finds a Spanish entry from an English search by its translation, titled in English', async () => {
		const hits = await searchAs(DONOR, 'MACAW desks', 'en');
		expect(hits.map((h) => h.id)).toEqual([validatedId]);
		expect(hits[0]!.title).toBe('The macaw desks brought enrolment closer');
		expect(hits[0]!.titleLang).toBe('en');
	});

	it('matches a term at the start of a word, accents and case folded, not inside one', async () => {
		expect((await searchAs(DONOR, 'GUACAM ventanillá')).map((h) => h.id)).toEqual([validatedId]);
		expect(await searchAs(DONOR, 'camayas')).toEqual([]);
	});

	it('never errors on operators, quotes or wildcards, and reads them as plain words', async () => {
		for (const q of [
			`"guacamayas" AND (x OR '`,
			`guaca% _ \\' ; drop table lesson_word; --`,
			'guacamayas* NEAR/2 -x',
			'"""',
			'\u{10FFFF}'
		]) {
			expect(Array.isArray(await searchAs(DONOR, q))).toBe(true);
		}
		expect((await searchAs(DONOR, '"guacamayas"')).map((h) => h.id)).toEqual([validatedId]);
		expect((await searchAs(DONOR, 'guaca%')).map((h) => h.id)).toEqual([validatedId]);
	});
});

describe.skipIf(!testingOnPostgres())('the word column on PostgreSQL', () => {
	it('compares in code-point order ("C" collation), so a prefix range holds exactly the prefix’s words', async () => {
		const { rows } = await sql<{ collation_name: string | null }>`
			select collation_name from information_schema.columns where table_name = 'lesson_word' and column_name = 'word'`.execute(db);
		expect(rows[0]?.collation_name).toBe('C');
	});
});

describe.skipIf(testingOnPostgres())('the migration that adds the word table', () => {
	it('fills it from the search text the entries already carry', async () => {
		const names = Object.keys(appMigrations).sort();
		const mine = names.indexOf('20261208T0700_lesson_words');
		expect(mine).toBeGreaterThan(0);
		const before = Object.fromEntries(names.slice(0, mine).map((n) => [n, appMigrations[n]!]));
		const old = openDatabase(tempDatabasePath());
		try {
			await runMigrations(old, before);
			const programme = await old
				.insertInto('programme')
				.values({
					slug: 'p',
					code: 'P',
					short_name: 'P',
					title: 'P',
					country: 'Ecuador',
					funding_modality: 'eu_contribution',
					budget_cents: null,
					start_date: '2020-01-01',
					end_date: '2022-12-31',
					status: 'active'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const lesson = await old
				.insertInto('lesson')
				.values({
					programme_id: programme.id,
					kind: 'lesson',
					theme: 'other',
					title: 'x',
					search_text: 'afiliacion voluntaria afiliacion enrolment'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await runMigrations(old, appMigrations);
			const words = await old.selectFrom('lesson_word').select('word').where('lesson_id', '=', lesson.id).orderBy('word').execute();
			expect(words.map((w) => w.word)).toEqual(['afiliacion', 'enrolment', 'voluntaria']);
		} finally {
			await old.destroy();
		}
	});
});
