import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium, signIn } from '../helpers/browser';

// Issue 22's counted journeys: a coordinator records and submits five key indicators for a
// period on one page (at most 8 clicks), a colleague approves the five (at most 3 clicks), at
// 1280 and 390 px, in Spanish and English, and the sheet works without JavaScript.

const env = appInChromium();
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';

/** Counts every click the journey makes: the goal is about clicks, so each one goes through here. */
function clicker() {
	let n = 0;
	return {
		get count() {
			return n;
		},
		async click(target: Locator) {
			n++;
			await target.click();
		}
	};
}

let key: { id: number; code: string; measure: string; split: boolean }[] = [];
let periodId = 0;

beforeAll(() => {
	// The journey's data: five counts and rates without a value for 2022-S1 are PATSS's key
	// indicators (the seed's own key indicators already hold approved values for most periods).
	const db = new Database(env.app.databasePath);
	try {
		const programme = db.prepare(`select id from programme where slug = 'patss'`).get() as { id: number };
		periodId = (
			db.prepare(`select id from reporting_period where programme_id = ? and label = '2022-S1'`).get(programme.id) as { id: number }
		).id;
		const free = db
			.prepare(
				`select id, code, measure, disaggregated_by_sex as split from indicator
				 where programme_id = ? and source = 'manual' and measure in ('number', 'percentage')
				   and not exists (select 1 from indicator_value v where v.indicator_id = indicator.id and v.period_id = ?)
				 order by sort_order, id limit 5`
			)
			.all(programme.id, periodId) as { id: number; code: string; measure: string; split: number }[];
		expect(free).toHaveLength(5);
		db.prepare(`update indicator set is_key = 0 where programme_id = ?`).run(programme.id);
		for (const f of free) db.prepare(`update indicator set is_key = 1 where id = ?`).run(f.id);
		key = free.map((f) => ({ ...f, split: f.split === 1 }));
	} finally {
		db.close();
	}
});

async function pageAt(email: string, width: number, options: { javaScript?: boolean; locale?: 'es' | 'en' } = {}): Promise<Page> {
	const context = await env.browser.newContext({
		viewport: { width, height: 900 },
		javaScriptEnabled: options.javaScript ?? true
	});
	const page = await context.newPage();
	await signIn(page, env.app.url, email);
	if (options.locale === 'en') {
		// The language switch in the header (a form, so it works without JavaScript too).
		await page.locator('form.lang-switch button[value="en"]').first().click();
		await page.waitForLoadState('load');
	}
	return page;
}

const row = (page: Page, code: string) => page.locator(`[data-testid="sheet-row"][data-code="${code}"]`);

async function typeRow(page: Page, indicator: (typeof key)[number], total: string) {
	const r = row(page, indicator.code);
	await r.getByLabel(/^Total/).fill(total);
	if (indicator.split) {
		const women = indicator.measure === 'percentage' ? total : String(Math.floor(Number(total) / 2));
		const men = indicator.measure === 'percentage' ? total : String(Number(total) - Math.floor(Number(total) / 2));
		await r.getByLabel(/^(Mujeres|Women)$/).fill(women);
		await r.getByLabel(/^(Hombres|Men)$/).fill(men);
	}
}

describe('the coordinator’s semester, counted', () => {
	it('records and submits five key indicators on one page in at most 8 clicks (es, 1280 px), with the lag hint before submitting', async () => {
		const page = await pageAt(COORD, 1280);
		const clicks = clicker();
		await page.goto(`${env.app.url}/programmes/patss/results`);
		await clicks.click(page.getByTestId('sheet-link'));
		await page.waitForURL(/\/entry\/\d+/);
		// The sheet opens on the period now due; choose 2022-S1 if it is not that one.
		if (!page.url().includes(`/entry/${periodId}`)) await page.goto(`${env.app.url}/programmes/patss/entry/${periodId}`);
		await clicks.click(page.getByLabel('Solo indicadores clave'));
		await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(5);

		// A zero leaves the first one lagging: the hint says so beside the row, before submitting.
		await typeRow(page, key[0]!, '0');
		await expect.poll(() => row(page, key[0]!.code).getByTestId('lag-hint').count()).toBe(1);
		await row(page, key[0]!.code).getByLabel('Narrativa').fill('Los talleres se aplazaron al segundo semestre.');
		await expect.poll(() => row(page, key[0]!.code).getByTestId('lag-hint').count()).toBe(0);
		for (const k of key.slice(1)) {
			await typeRow(page, k, k.measure === 'percentage' ? '95' : '5000');
			// Whatever the hint says is answered in the same row.
			if ((await row(page, k.code).getByTestId('lag-hint').count()) > 0)
				await row(page, k.code).getByLabel('Narrativa').fill('Explicación del coordinador.');
		}
		await clicks.click(page.getByRole('button', { name: 'Enviar todo a revisión' }));
		await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Valor enviado a revisión.');
		expect(clicks.count).toBeLessThanOrEqual(8);
		const db = new Database(env.app.databasePath, { readonly: true });
		try {
			const statuses = db
				.prepare(`select status from indicator_value where period_id = ? and indicator_id in (${key.map(() => '?').join(',')})`)
				.all(periodId, ...key.map((k) => k.id)) as { status: string }[];
			expect(statuses.map((s) => s.status)).toEqual(key.map(() => 'submitted'));
		} finally {
			db.close();
		}
	});

	it('approves the five in at most 3 clicks from Needs my action, on a phone (en, 390 px)', async () => {
		const page = await pageAt(COORD2, 390, { locale: 'en' });
		const clicks = clicker();
		await page.goto(`${env.app.url}/inbox`);
		await clicks.click(page.locator('[data-slug="patss"]').getByTestId('inbox-review-all'));
		await page.waitForURL(/\/review/);
		await expect.poll(() => page.getByTestId('review-item').count()).toBeGreaterThanOrEqual(5);
		// Every review action is on screen at 390 px: nothing wider than the viewport.
		const approveAll = page.getByTestId('approve-all');
		const box = (await approveAll.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		const returnBox = (await page.getByRole('button', { name: 'Return selected' }).boundingBox())!;
		expect(returnBox.x + returnBox.width).toBeLessThanOrEqual(390);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await clicks.click(approveAll);
		await expect.poll(() => page.getByTestId('notice').count()).toBe(1);
		expect(clicks.count).toBeLessThanOrEqual(3);
		const db = new Database(env.app.databasePath, { readonly: true });
		try {
			const statuses = db
				.prepare(
					`select status from indicator_value where period_id = ? and indicator_id in (${key.map(() => '?').join(',')}) and status != 'superseded'`
				)
				.all(periodId, ...key.map((k) => k.id)) as { status: string }[];
			expect(statuses.map((s) => s.status)).toEqual(key.map(() => 'approved'));
		} finally {
			db.close();
		}
	});

	it('works without JavaScript as cards on a phone: a refused row keeps what was typed and the good row is saved (en, 390 px)', async () => {
		const page = await pageAt(COORD, 390, { javaScript: false, locale: 'en' });
		const db = new Database(env.app.databasePath, { readonly: true });
		const free = db
			.prepare(
				`select i.code, i.disaggregated_by_sex as split from indicator i join programme p on p.id = i.programme_id
				 join reporting_period rp on rp.programme_id = p.id and rp.label = '2021-S1'
				 where p.slug = 'patss' and i.source = 'manual' and i.measure = 'number'
				   and not exists (select 1 from indicator_value v where v.indicator_id = i.id and v.period_id = rp.id)
				 order by i.disaggregated_by_sex desc, i.sort_order, i.id limit 2`
			)
			.all() as { code: string; split: number }[];
		const period = (
			db
				.prepare(
					`select rp.id from reporting_period rp join programme p on p.id = rp.programme_id where p.slug = 'patss' and rp.label = '2021-S1'`
				)
				.get() as {
				id: number;
			}
		).id;
		db.close();
		expect(free).toHaveLength(2);
		await page.goto(`${env.app.url}/programmes/patss/entry/${period}`);
		const [bad, good] = free;
		await row(page, bad!.code)
			.getByLabel(/^Total/)
			.fill('12');
		if (bad!.split) {
			await row(page, bad!.code).getByLabel('Women', { exact: true }).fill('5');
			await row(page, bad!.code).getByLabel('Men', { exact: true }).fill('5');
		} else
			await row(page, bad!.code)
				.getByLabel(/^Total/)
				.fill('doce');
		await row(page, good!.code)
			.getByLabel(/^Total/)
			.fill('8');
		if (good!.split) {
			await row(page, good!.code).getByLabel('Women', { exact: true }).fill('4');
			await row(page, good!.code).getByLabel('Men', { exact: true }).fill('4');
		}
		await page.getByRole('button', { name: 'Save all as drafts' }).click();
		await page.waitForLoadState('load');
		expect(await page.getByTestId('form-error-sheet').textContent()).toContain('1 rows saved');
		expect(await row(page, bad!.code).getByTestId('row-error').count()).toBeGreaterThan(0);
		expect(
			await row(page, bad!.code)
				.getByLabel(/^Total/)
				.inputValue()
		).toBe(bad!.split ? '12' : 'doce');
		// Rows are cards: the fields stack within the phone's width.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		const check = new Database(env.app.databasePath, { readonly: true });
		try {
			const saved = check
				.prepare(
					`select v.status, v.value from indicator_value v join indicator i on i.id = v.indicator_id where i.code = ? and v.period_id = ? and i.programme_id = (select id from programme where slug = 'patss')`
				)
				.get(good!.code, period) as { status: string; value: number };
			expect(saved).toEqual({ status: 'draft', value: 8 });
		} finally {
			check.close();
		}
	});
});
