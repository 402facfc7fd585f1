import type { SearchHit } from '$lib/server/evaluation/search';
import { beforeAll, describe, expect, it } from 'vitest';
import { IEVAL_FIELDS } from '$lib/evaluation/ieval';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { ievalCsv, ievalRecords } from '$lib/server/evaluation/ieval-export';
import { searchLessons, searchQuerySchema } from '$lib/server/evaluation/search';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { load as loadList } from '../../../src/routes/programmes/[slug]/lessons/+page.server';
import { actions as detailActions, load as loadDetail } from '../../../src/routes/programmes/[slug]/lessons/[id]/+page.server';
import { actions as editActions } from '../../../src/routes/programmes/[slug]/lessons/[id]/edit/+page.server';
import { actions as newActions } from '../../../src/routes/programmes/[slug]/lessons/new/+page.server';
import { load as loadSearch } from '../../../src/routes/lessons/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';

// Lessons learned and good practices through their routes, on the database the suite runs on
// (SQLite, or PostgreSQL under `npm run test:pg`): the template's rules, links within the
// programme, draft → validated, who reads what, the search across programmes and the i-eval export.

let db: Db;
let patss: Programme;
let peru: Programme;

const COORD = 'coord.patss@avance.test';
const EVALUATOR = 'evaluator@avance.test';
const DONOR = 'donor.iess@avance.test';
const PERU_COORD = 'coord.peru@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
});

const lessonForm = (over: Record<string, string | string[]> = {}) => ({
	_form: 'lesson',
	kind: 'lesson',
	theme: 'social_security_administration',
	criterion: 'sustainability',
	title: 'La afiliación de trabajadores independientes requiere un diálogo técnico sostenido',
	titleTranslation: 'Enrolling self-employed workers needs sustained technical dialogue',
	context: 'El IESS revisaba su reglamento de afiliación voluntaria durante la pandemia.',
	contextTranslation: 'IESS was revising its voluntary enrolment rules during the pandemic.',
	challenges: 'Las cifras de cobertura llegaban con retraso.',
	...over
});

async function create(slug: string, email: string, form: Record<string, string | string[]>) {
	const r = await postAs(db, newActions.create, email, { params: { slug }, form, route: '/programmes/[slug]/lessons/new' });
	if (r.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(r)}`);
	return Number(r.location.split('?')[0]!.split('/').at(-1));
}

const versionOf = async (id: number) =>
	(await db.selectFrom('lesson').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

describe('the seeded entries', () => {
	it('were validated through the real function by the demo evaluator, keeping the seed dates', async () => {
		const evaluator = await db.selectFrom('user').select(['id', 'name']).where('email', '=', EVALUATOR).executeTakeFirstOrThrow();
		const seeded = await db.selectFrom('lesson').select(['id', 'status', 'validated_by', 'validated_at']).execute();
		expect(seeded.length).toBeGreaterThan(0);
		for (const l of seeded) {
			expect(l).toMatchObject({ status: 'validated', validated_by: evaluator.id });
			// The seed's day (the evaluation's), not the day the suite ran.
			expect(l.validated_at).toMatch(/T12:00:00\.000Z$/);
		}
		const audited = await db
			.selectFrom('audit_log')
			.select(['entity_id', 'user_id'])
			.where('entity', '=', 'lesson')
			.where('action', '=', 'validate')
			.execute();
		expect(new Set(audited.filter((a) => a.user_id === evaluator.id).map((a) => Number(a.entity_id)))).toEqual(
			new Set(seeded.map((l) => l.id))
		);
		const records = await ievalRecords(db, patss, 'es', 'http://localhost');
		expect(records.length).toBeGreaterThan(0);
		for (const r of records) expect(r.validated_by).toBe(evaluator.name);
	});
});

describe('recording a lesson', () => {
	it('lets a coordinator record a draft mid-programme, with its translation and folded search text', async () => {
		const id = await create('patss', COORD, lessonForm());
		const row = await db.selectFrom('lesson').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.status).toBe('draft');
		expect(row.search_text).toContain('afiliacion');
		expect(row.search_text).toContain('enrolling self employed');
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'lesson')
			.where('entity_id', '=', String(id))
			.execute();
		expect(audit.map((a) => a.action)).toContain('create');
	});

	it('refuses empty required template fields, naming each field', async () => {
		const r = formFailure(
			await postAs(db, newActions.create, COORD, { params: { slug: 'patss' }, form: lessonForm({ context: ' ', challenges: '' }) })
		);
		expect(r.status).toBe(400);
		expect(Object.keys(r.data.errors ?? {})).toEqual(expect.arrayContaining(['context', 'challenges']));
		expect(r.data.values?.title).toContain('afiliación');
	});

	it('refuses a link to a record of another programme', async () => {
		const foreign = await db.selectFrom('indicator').select('id').where('programme_id', '=', peru.id).executeTakeFirstOrThrow();
		const r = formFailure(
			await postAs(db, newActions.create, COORD, { params: { slug: 'patss' }, form: lessonForm({ indicatorIds: [String(foreign.id)] }) })
		);
		expect(r.data.errors?.indicatorIds).toBeDefined();
	});

	it('refuses an oversize text with a message, not a 500', async () => {
		const r = formFailure(
			await postAs(db, newActions.create, COORD, { params: { slug: 'patss' }, form: lessonForm({ context: 'x'.repeat(4001) }) })
		);
		expect(r.status).toBe(400);
		expect(r.data.errors?.context).toBeDefined();
	});

	it('refuses a donor who tries to record one', async () => {
		const r = await postAs(db, newActions.create, DONOR, { params: { slug: 'patss' }, form: lessonForm() });
		expect(r).toMatchObject({ kind: 'error', status: 403 });
	});
});

describe('validation and who reads what', () => {
	let draftId: number;
	let validatedId: number;

	beforeAll(async () => {
		draftId = await create('patss', COORD, lessonForm({ title: 'Borrador interno sobre el sistema de historia laboral' }));
		validatedId = await create(
			'patss',
			COORD,
			lessonForm({
				kind: 'practice',
				title: 'Mesas técnicas tripartitas para reformar la jubilación',
				titleTranslation: 'Tripartite technical tables to reform retirement rules',
				summary: 'Las mesas técnicas reunieron al IESS, a empleadores y a trabajadores.',
				summaryTranslation: 'The technical tables brought IESS, employers and workers together.',
				conditions: 'Voluntad política y datos actuariales disponibles.'
			})
		);
	});

	it('lets only an evaluator validate', async () => {
		const refused = await postAs(db, detailActions.validate, COORD, {
			params: { slug: 'patss', id: String(validatedId) },
			form: { _form: 'validate', version: String(await versionOf(validatedId)) }
		});
		expect(refused).toMatchObject({ kind: 'error', status: 403 });
		const ok = await postAs(db, detailActions.validate, EVALUATOR, {
			params: { slug: 'patss', id: String(validatedId) },
			form: { _form: 'validate', version: String(await versionOf(validatedId)) },
			route: '/programmes/[slug]/lessons/[id]'
		});
		expect(ok.kind).toBe('redirect');
		const row = await db.selectFrom('lesson').select(['status', 'validated_by']).where('id', '=', validatedId).executeTakeFirstOrThrow();
		expect(row.status).toBe('validated');
		expect(row.validated_by).not.toBeNull();
	});

	it('shows donors validated entries only, and answers 404 for a draft', async () => {
		const list = await loadAs<{ lessons: { id: number }[] }>(db, loadList, DONOR, { params: { slug: 'patss' } });
		if (list.kind !== 'value') throw new Error(JSON.stringify(list));
		const ids = list.value.lessons.map((l) => l.id);
		expect(ids).toContain(validatedId);
		expect(ids).not.toContain(draftId);
		const draft = await loadAs(db, loadDetail, DONOR, { params: { slug: 'patss', id: String(draftId) } });
		expect(draft).toMatchObject({ kind: 'error', status: 404 });
		const team = await loadAs(db, loadDetail, COORD, { params: { slug: 'patss', id: String(draftId) } });
		expect(team.kind).toBe('value');
	});

	it('returns an edited validated entry to draft', async () => {
		const id = await create('patss', COORD, lessonForm({ title: 'Entrada que se valida y luego cambia' }));
		await postAs(db, detailActions.validate, EVALUATOR, {
			params: { slug: 'patss', id: String(id) },
			form: { _form: 'validate', version: String(await versionOf(id)) },
			route: '/programmes/[slug]/lessons/[id]'
		});
		const r = await postAs(db, editActions.update, COORD, {
			params: { slug: 'patss', id: String(id) },
			form: { ...lessonForm({ title: 'Entrada que se valida y luego cambia de nuevo' }), version: String(await versionOf(id)) }
		});
		expect(r.kind).toBe('redirect');
		expect((await db.selectFrom('lesson').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('draft');
	});

	it('returns a validated entry to draft when only its translation or its links change, audited', async () => {
		const validated = async (title: string) => {
			const id = await create('patss', COORD, lessonForm({ title }));
			await postAs(db, detailActions.validate, EVALUATOR, {
				params: { slug: 'patss', id: String(id) },
				form: { _form: 'validate', version: String(await versionOf(id)) },
				route: '/programmes/[slug]/lessons/[id]'
			});
			expect((await db.selectFrom('lesson').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('validated');
			return id;
		};
		const edit = async (id: number, form: Record<string, string | string[]>) => {
			const r = await postAs(db, editActions.update, COORD, {
				params: { slug: 'patss', id: String(id) },
				form: { ...form, version: String(await versionOf(id)) }
			});
			expect(r.kind).toBe('redirect');
			const row = await db.selectFrom('lesson').select(['status', 'validated_by']).where('id', '=', id).executeTakeFirstOrThrow();
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', 'after'])
				.where('entity', '=', 'lesson')
				.where('entity_id', '=', String(id))
				.where('action', '=', 'update')
				.execute();
			return { row, audit };
		};
		const unchanged = await validated('Entrada validada que se guarda sin cambios');
		const same = await edit(unchanged, lessonForm({ title: 'Entrada validada que se guarda sin cambios' }));
		expect(same.row.status).toBe('validated');

		const translated = await validated('Entrada validada cuya traducción cambia');
		const t = await edit(
			translated,
			lessonForm({ title: 'Entrada validada cuya traducción cambia', titleTranslation: 'A new English title' })
		);
		expect(t.row).toEqual({ status: 'draft', validated_by: null });
		expect(t.audit.map((a) => JSON.parse(a.after ?? '{}').status)).toContain('draft');

		const indicator = await db.selectFrom('indicator').select('id').where('programme_id', '=', patss.id).executeTakeFirstOrThrow();
		const linked = await validated('Entrada validada cuyos vínculos cambian');
		const l = await edit(linked, lessonForm({ title: 'Entrada validada cuyos vínculos cambian', indicatorIds: [String(indicator.id)] }));
		expect(l.row).toEqual({ status: 'draft', validated_by: null });
		const after = JSON.parse(l.audit.at(-1)!.after ?? '{}');
		expect(after).toMatchObject({ status: 'draft', indicatorIds: String(indicator.id) });
	});

	it('finds a Spanish entry from an English search, accents and case folded, validated only', async () => {
		const scope = { isAdmin: false, programmeIds: [patss.id] };
		const english = await searchLessons(db, scope, searchQuerySchema.parse({ q: 'TRIPARTITE retirement' }), 'en');
		expect(english.hits.map((h) => h.id)).toEqual([validatedId]);
		expect(english.hits[0]!.title).toBe('Tripartite technical tables to reform retirement rules');
		const unaccented = await searchLessons(db, scope, searchQuerySchema.parse({ q: 'jubilacion tecnicas' }), 'es');
		expect(unaccented.hits.map((h) => h.id)).toEqual([validatedId]);
		const drafts = await searchLessons(db, scope, searchQuerySchema.parse({ q: 'historia laboral' }), 'es');
		expect(drafts.hits).toEqual([]);
	});

	it('never errors on quotes, operators or wildcards in a search', async () => {
		const scope = { isAdmin: true, programmeIds: [] };
		for (const q of [`"mesas" AND (tripartitas OR '`, `%_\\' ; drop table lesson; --`, 'NEAR(mesas*) -x ^', '"""']) {
			const result = await searchLessons(db, scope, searchQuerySchema.parse({ q }), 'es');
			expect(Array.isArray(result.hits)).toBe(true);
		}
		const quoted = await searchLessons(db, scope, searchQuerySchema.parse({ q: '"mesas técnicas"' }), 'es');
		expect(quoted.hits.map((h) => h.id)).toEqual([validatedId]);
	});

	it('searches only the programmes a person belongs to, with filters', async () => {
		const peruView = await loadAs<{ hits: SearchHit[] }>(db, loadSearch, PERU_COORD, { url: 'http://localhost/lessons?q=mesas' });
		if (peruView.kind !== 'value') throw new Error(JSON.stringify(peruView));
		expect(peruView.value.hits.map((h) => h.id)).not.toContain(validatedId);
		// Whatever the seed holds, the Peru coordinator only ever finds Peru's entries.
		expect(peruView.value.hits.every((h) => h.programme.slug === 'peru-desempleo-ue')).toBe(true);
		const donorView = await loadAs<{ hits: { id: number }[] }>(db, loadSearch, DONOR, {
			url: `http://localhost/lessons?q=mesas&kind=practice&country=${encodeURIComponent(patss.country)}&programme=${patss.id}`
		});
		if (donorView.kind !== 'value') throw new Error(JSON.stringify(donorView));
		expect(donorView.value.hits.map((h) => h.id)).toEqual([validatedId]);
		const wrongKind = await loadAs<{ hits: SearchHit[] }>(db, loadSearch, DONOR, {
			url: 'http://localhost/lessons?q=mesas&kind=lesson'
		});
		if (wrongKind.kind !== 'value') throw new Error(JSON.stringify(wrongKind));
		expect(wrongKind.value.hits.map((h) => h.id)).not.toContain(validatedId);
		// The PATSS donor finds PATSS lessons only (a seeded lesson may speak of "mesas" too).
		expect(wrongKind.value.hits.every((h) => h.kind === 'lesson' && h.programme.slug === 'patss')).toBe(true);
	});

	it('exports validated entries in the i-eval field order, in English where translated', async () => {
		const records = await ievalRecords(db, patss, 'en', 'http://localhost');
		const ids = records.map((r) => r.record_id);
		expect(ids).toContain(`patss-${validatedId}`);
		expect(ids).not.toContain(`patss-${draftId}`);
		const ours = records.find((r) => r.record_id === `patss-${validatedId}`)!;
		for (const r of records) expect(Object.keys(r)).toEqual([...IEVAL_FIELDS]);
		expect(ours.gp_summary).toBe('The technical tables brought IESS, employers and workers together.');
		expect(ours.element_type).toBe('Emerging Good Practice');
		// The programme's English title, not the Spanish one.
		const english = await db
			.selectFrom('translation')
			.select('text')
			.where('entity', '=', 'programme')
			.where('entity_id', '=', patss.id)
			.where('field', '=', 'title')
			.where('locale', '=', 'en')
			.executeTakeFirst();
		expect(ours.project_title).toBe(english ? english.text : `${patss.title} (es)`);
		expect(ours.project_title).not.toBe(patss.title);
		const spanish = await ievalRecords(db, patss, 'es', 'http://localhost');
		expect(spanish[0]!.project_title).toBe(patss.title);
		const csv = ievalCsv(records);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.split('\r\n')[0]!.replace('\uFEFF', '')).toBe(IEVAL_FIELDS.join(','));
	});
});
