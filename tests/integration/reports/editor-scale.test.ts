import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { createUser } from '$lib/server/auth/users';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { createReport } from '$lib/server/reports/reports';
import type { DocBlock, DocTable } from '$lib/reports/document';
import { pagingOf } from '$lib/reports/paging';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import * as preview from '../../../src/routes/programmes/[slug]/reports/[id]/preview/+page.server';
import * as records from '../../../src/routes/programmes/[slug]/reports/[id]/records/+server';
import { generateProgramme } from '../../bench/generate';
import { loadAs } from '../../helpers/actions';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { freshDatabase } from '../../helpers/db';

// Issue 18 §3: the report editor and preview send a screenful, not the programme. Two programmes
// made by the bench's own generator, 300 and 3,000 indicators × 12 periods, each with a draft
// report over every period: the data each page's load sends (what SvelteKit serializes into the
// page) must stay under a fixed bound and must not grow with the programme. Before the change
// the editor sent 1.4 MB at 300 and 13.7 MB at 3,000, the preview 3.1 MB and 32 MB.

const COORDINATOR = 'scale1@avance.test';
const BOUND = 1_000_000; // bytes of load data per page (the HTML around it stays under 2 MB: README)

let db: Db;
const drafts: Record<number, { slug: string; id: number }> = {};

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const params = (n: number) => ({ slug: drafts[n]!.slug, id: String(drafts[n]!.id) });
const url = (query = '') => `http://localhost/${query}`;

async function editorData(n: number, query = '') {
	const r = await loadAs<Record<string, unknown>>(db, editor.load, COORDINATOR, { params: params(n), url: url(query) });
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value as {
		draft: {
			evidence: Record<string, { blocks: DocBlock[] }[]>;
			cite: { query: string; matches: { key: string }[]; total: number };
			missing: { items: unknown[]; total: number; page: number; pages: number };
			paths: Record<string, string>;
		};
	};
}
async function previewData(n: number, query = '') {
	const r = await loadAs<Record<string, unknown>>(db, preview.load, COORDINATOR, { params: params(n), url: url(query) });
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value as { document: { annexes: { blocks: DocBlock[] }[]; records: Record<string, unknown> }; paged: boolean };
}
const tablesOf = (blocks: DocBlock[]): DocTable[] => blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));
const firstKey = (t: DocTable) => {
	const row = t.rows.find((r) => r.type === 'row');
	const run = row?.type === 'row' ? row.cells[0]?.[0] : undefined;
	return run?.type === 'ref' ? run.key : null;
};

beforeAll(async () => {
	db = await freshDatabase();
	const enteredBy = await createUser(db, { email: COORDINATOR, name: 'Scale One', password: 'scale-password-1' }, null);
	const reviewedBy = await createUser(db, { email: 'scale2@avance.test', name: 'Scale Two', password: 'scale-password-2' }, null);
	for (const n of [300, 3000]) {
		const g = await generateProgramme(db, { slug: `scale-${n}`, indicators: n, enteredBy, reviewedBy });
		const programme = (await getProgrammeBySlug(db, g.slug))!;
		const id = await createReport(db, { id: enteredBy }, programme, {
			layout: 'oecd_dac',
			titleEs: 'Informe de escala',
			titleEn: 'Scale report',
			window: 'periods',
			periodIds: g.periodIds,
			windowStart: null,
			cutOff: null,
			languages: ['es', 'en']
		});
		drafts[n] = { slug: g.slug, id };
	}
}, 300_000);

describe('the report editor at 300 and 3,000 indicators', () => {
	it('sends a bounded page that does not grow with the programme', async () => {
		const small = size(await editorData(300));
		const large = await editorData(3000);
		expect(size(large)).toBeLessThan(BOUND);
		// Sub-linear: ten times the indicators, well under twice the data (it was 10×).
		expect(size(large) / small).toBeLessThan(1.5);
		// Long evidence tables show one part, with where the rest is.
		const progress = tablesOf(large.draft.evidence.effectiveness!.flatMap((e) => e.blocks)).find((t) => pagingOf(t));
		expect(progress && pagingOf(progress)).toMatchObject({ part: 1, rows: 3000 });
		// Only the links of what is shown travel.
		expect(Object.keys(large.draft.paths).length).toBeLessThan(1000);
		// The citation list is a screenful of matches and their count, never all records.
		expect(large.draft.cite.matches.length).toBeLessThanOrEqual(30);
		expect(large.draft.cite.total).toBeGreaterThan(36_000);
	}, 300_000);

	it('finds any record by search, in the page without JavaScript and from the endpoint', async () => {
		const page = await editorData(3000, '?cite=I-2999');
		expect(page.draft.cite.query).toBe('I-2999');
		expect(page.draft.cite.matches.map((m) => m.key)).toContain('indicator:I-2999');
		const user = await sessionUser(db, COORDINATOR);
		const response = await call(records.GET, makeEvent({ user, params: params(3000), url: url('?q=I-2999') }));
		const answer = (await response.json()) as { matches: { key: string; label: string; path: string }[]; total: number };
		expect(answer.matches.map((m) => m.key)).toContain('indicator:I-2999');
		expect(answer.matches.every((m) => m.key.includes('I-2999'))).toBe(true);
		expect(answer.matches.find((m) => m.key === 'indicator:I-2999')?.path).toMatch(/^\/programmes\/scale-3000\/indicators\/\d+$/);
		// Control characters or a huge query are read as no query, never a failure.
		const odd = await call(records.GET, makeEvent({ user, params: params(3000), url: url(`?q=${'x'.repeat(500)}`) }));
		expect(odd.status).toBe(200);
		expect(((await odd.json()) as { query: string }).query).toBe('');
	}, 300_000);
});

describe('the report preview at 300 and 3,000 indicators', () => {
	it('sends a bounded page; any part of a long table is one request away', async () => {
		const small = size(await previewData(300));
		const large = await previewData(3000);
		expect(size(large)).toBeLessThan(BOUND);
		expect(size(large) / small).toBeLessThan(1.5);
		expect(large.paged).toBe(true);
		const logframe = () => large.document.annexes.flatMap((a) => tablesOf(a.blocks)).find((t) => t.id === 'annex-logframe-table')!;
		const first = pagingOf(logframe())!;
		expect(first.part).toBe(1);
		expect(first.groups.map((g) => g.label)).toHaveLength(10);

		// The third module's part, as its link asks for it: its rows, under its heading.
		const third = first.groups[2]!;
		const other = await previewData(3000, `?lang=es&table=annex-logframe-table&part=${third.part}`);
		const table = other.document.annexes.flatMap((a) => tablesOf(a.blocks)).find((t) => t.id === 'annex-logframe-table')!;
		expect(pagingOf(table)?.part).toBe(third.part);
		expect(table.rows[0]).toMatchObject({ type: 'group' });
		expect(firstKey(table)).not.toBe(firstKey(logframe()));
		// The records it links to came along with it.
		expect(other.document.records[firstKey(table)!]).toBeDefined();
		// A part beyond the end shows the last one.
		const beyond = await previewData(3000, '?table=annex-logframe-table&part=99999');
		const last = beyond.document.annexes.flatMap((a) => tablesOf(a.blocks)).find((t) => t.id === 'annex-logframe-table')!;
		expect(pagingOf(last)?.part).toBe(pagingOf(last)?.count);
	}, 300_000);
});
