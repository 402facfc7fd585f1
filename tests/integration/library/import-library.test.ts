import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { LogframePreview } from '$lib/server/exchange/import-logframe';
import { libraryEntryOf } from '$lib/server/library/links';
import { actions } from '../../../src/routes/programmes/[slug]/import/+page.server';
import { load as loadEdit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { GET as getTemplate } from '../../../src/routes/programmes/[slug]/import/logframe-template/+server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { loadAs, postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// Issue 25: the logframe import links indicators to indicator-library entries by a "library code"
// column: the template carries each indicator's current link, a known code links (audited by the
// library domain), a blank cell unlinks, an unknown code refuses the row with the column named.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const ROUTE = '/programmes/[slug]/import';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function template(): Promise<ExcelJS.Workbook> {
	const user = await sessionUser(db, COORD);
	const r = await outcome(async () => call(getTemplate, makeEvent({ user, params: { slug: 'patss' }, url: 'http://localhost/x' })));
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await (r.value as Response).arrayBuffer());
	return wb;
}
/** The indicators sheet, the library column's number and the row of each indicator code. */
function indicatorSheet(wb: ExcelJS.Workbook) {
	const ws = wb.getWorksheet('Indicadores')!;
	let libraryColumn = 0;
	ws.getRow(1).eachCell((cell, n) => {
		if (cell.value === 'Código en la biblioteca') libraryColumn = n;
	});
	const rows = new Map<string, ExcelJS.Row>();
	ws.eachRow((row, n) => {
		if (n > 1) rows.set(String(row.getCell(3).value), row);
	});
	return { libraryColumn, rows };
}
const fileOf = async (wb: ExcelJS.Workbook) => new File([new Uint8Array(await wb.xlsx.writeBuffer())], 'marco.xlsx');
const post = (action: keyof typeof actions, form: Record<string, string | File>) =>
	postAs(db, actions[action] as (event: never) => unknown, COORD, {
		params: { slug: 'patss' },
		url: `http://localhost/x?/${action}`,
		route: ROUTE,
		form
	});
const previewOf = (r: Awaited<ReturnType<typeof post>>) => {
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('logframe' in r.value)) throw new Error(JSON.stringify(r));
	return (r.value as { logframe: LogframePreview }).logframe;
};

describe('the logframe import and the indicator library', () => {
	it('carries the current links, links and unlinks by library code, and refuses an unknown code', async () => {
		const wb = await template();
		const { libraryColumn, rows } = indicatorSheet(wb);
		expect(libraryColumn).toBeGreaterThan(0);
		expect(rows.get('IMP-3')!.getCell(libraryColumn).value).toBe('ILO-RECS-ADOPTED');
		expect(rows.get('M1-1')!.getCell(libraryColumn).value ?? null).toBeNull();

		// An unknown code: that row is refused, the column named.
		rows.get('M1-1')!.getCell(libraryColumn).value = 'NO-SUCH-CODE';
		const refused = previewOf(await post('checkLogframe', { file: await fileOf(wb) }));
		const bad = refused.rows.find((r) => r.code === 'M1-1')!;
		expect(bad.action).toBe('refused');
		expect(bad.errors).toEqual([
			{ column: 'libraryCode', message: 'La biblioteca de indicadores no tiene ninguna entrada con el código NO-SUCH-CODE.' }
		]);

		// A known code (any case) links M1-1; a blank cell unlinks IMP-3; nothing else changes.
		rows.get('M1-1')!.getCell(libraryColumn).value = 'sdg-1.3.1';
		rows.get('IMP-3')!.getCell(libraryColumn).value = null;
		const preview = previewOf(await post('checkLogframe', { file: await fileOf(wb) }));
		expect(preview.counts.refused).toBe(0);
		// (The seeded activities differ from their template rows on their own; the indicators do not.)
		expect(
			preview.rows
				.filter((r) => r.sheet === 'indicators' && r.action === 'update')
				.map((r) => r.code)
				.sort()
		).toEqual(['IMP-3', 'M1-1']);
		expect(await post('confirmLogframe', { sha256: preview.sha256, fileName: preview.fileName })).toMatchObject({
			kind: 'redirect',
			status: 303
		});
		expect((await libraryEntryOf(db, patss.indicatorId('M1-1')))?.code).toBe('SDG-1.3.1');
		expect(await libraryEntryOf(db, patss.indicatorId('IMP-3'))).toBeNull();
		const audit = await db
			.selectFrom('audit_log')
			.select(['entity_id', 'after'])
			.where('action', '=', 'link_library')
			.where('entity_id', 'in', [String(patss.indicatorId('M1-1')), String(patss.indicatorId('IMP-3'))])
			.execute();
		expect(audit).toHaveLength(2);

		// The indicator's form names the entry it now links to and where it departs from it.
		const edit = await loadAs<{ linked: { code: string; differences: { field: string }[] } | null }>(
			db,
			loadEdit as (event: never) => unknown,
			COORD,
			{ params: { slug: 'patss', id: String(patss.indicatorId('M1-1')) } }
		);
		if (edit.kind !== 'value') throw new Error(JSON.stringify(edit));
		expect(edit.value.linked?.code).toBe('SDG-1.3.1');
		// SDG 1.3.1 is a percentage of the population; M1-1 counts people: the measure differs.
		expect(edit.value.linked?.differences.map((d) => d.field)).toContain('measure');

		// A file made before the column existed leaves the links alone.
		const old = await template();
		const sheet = indicatorSheet(old);
		old.getWorksheet('Indicadores')!.spliceColumns(sheet.libraryColumn, 1);
		const again = previewOf(await post('checkLogframe', { file: await fileOf(old) }));
		expect(again.rows.filter((r) => r.sheet === 'indicators' && r.action !== 'unchanged')).toEqual([]);
	}, 60_000);
});
