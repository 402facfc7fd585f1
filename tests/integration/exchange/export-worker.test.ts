import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import type { Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { exportIati, exportIptt } from '$lib/server/exchange/export-files';
import { exportInWorker } from '$lib/server/exchange/export-worker';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import type { Programme } from '$lib/model';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Large exports are built in a child process (issue 18) so they never stall the web process: the
// file built there is the one built in the request's thread, figure for figure.

const AS_OF = '2026-11-21';
const fileBase = 'http://localhost/programmes/patss/files';
const fileUrl = (id: number) => `${fileBase}/${id}`;
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let coordinator: Viewer;
let programme: Programme;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	coordinator = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
	await db
		.updateTable('programme')
		.set({ iati_identifier: 'XM-DAC-41302-PATSS', iati_reporting_org: 'XM-DAC-41302' })
		.where('id', '=', patss.programme.id)
		.execute();
	programme = (await getProgrammeBySlug(db, 'patss'))!;
}, 120_000);

afterEach(() => {
	delete process.env.EXPORT_WORKER_MIN_INDICATORS;
});

async function sheets(bytes: Buffer | string) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
	return workbook.worksheets.map((s) => ({
		name: s.name,
		rows: s
			.getSheetValues()
			.map((r) => JSON.stringify(r ?? null))
			// The moment each file was made differs by its nature; everything else must not.
			.filter((r) => !r.includes('"Generated at"'))
	}));
}

describe('an export built in a child process', () => {
	it('goes to a child process from EXPORT_WORKER_MIN_INDICATORS indicators on (500 by default)', () => {
		expect(exportInWorker(499)).toBe(false);
		expect(exportInWorker(3000)).toBe(true);
		process.env.EXPORT_WORKER_MIN_INDICATORS = '0';
		expect(exportInWorker(1)).toBe(true);
	});

	it('is the same IPTT workbook and the same valid IATI file as one built in the request', async () => {
		const i18n = createI18n(() => 'en');
		const here = await exportIptt(db, programme, coordinator, { i18n, asOf: AS_OF, fileUrl, fileBase });
		const hereIati = await exportIati(db, programme, { asOf: AS_OF, fileUrl, fileBase });
		process.env.EXPORT_WORKER_MIN_INDICATORS = '0';
		const there = await exportIptt(db, programme, coordinator, { i18n, asOf: AS_OF, fileUrl, fileBase });
		const thereIati = await exportIati(db, programme, { asOf: AS_OF, fileUrl, fileBase });
		expect(there.hash).toBe(here.hash);
		expect(await sheets(there.bytes)).toEqual(await sheets(here.bytes));
		expect((await sheets(there.bytes)).map((s) => s.name)).toContain('IPTT');
		expect(hereIati.kind).toBe('ok');
		if (hereIati.kind !== 'ok' || thereIati.kind !== 'ok') throw new Error('IATI file not served');
		// The file's own timestamps differ by the moment it was made; everything else must not.
		const undated = (xml: string | Buffer) => String(xml).replace(/-datetime="[^"]*"/g, '-datetime=""');
		expect(thereIati.hash).toBe(hereIati.hash);
		expect(undated(thereIati.bytes)).toBe(undated(hereIati.bytes));
	}, 300_000);
});
