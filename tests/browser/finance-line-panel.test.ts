import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { appInChromium, signIn } from '../helpers/browser';

// The Finance tab's one panel per line (issue 20), with and without JavaScript: a coordinator
// opens one budget line's panel (`?edit=<id>`), the only panel on the page, records a revision
// of its amount; the panel closes, and the lines table shows the revised amount in force beside
// the original, with the programme's original and revised totals in the tab's header.

const env = appInChromium();
const COORD = 'coord.patss@avance.test';
const es = createI18n(() => 'es');

interface Line {
	id: number;
	code: string;
	originalMinor: number;
}
let lines: Line[] = [];
let currency = '';
/** A date of an open period of PATSS no revision of these lines uses yet. */
let effectiveOn = '';

beforeAll(() => {
	const db = new Database(env.app.databasePath, { readonly: true });
	try {
		const programme = db.prepare(`select id, currency from programme where slug = 'patss'`).get() as { id: number; currency: string };
		currency = programme.currency;
		lines = (
			db.prepare(`select id, code, amount_minor from budget_line where programme_id = ? order by id limit 2`).all(programme.id) as {
				id: number;
				code: string;
				amount_minor: number;
			}[]
		).map((l) => ({ id: l.id, code: l.code, originalMinor: Number(l.amount_minor) }));
		expect(lines).toHaveLength(2);
		const open = db
			.prepare(`select start_date from reporting_period where programme_id = ? and locked = 0 order by start_date desc limit 1`)
			.get(programme.id) as { start_date: string };
		const taken = new Set(
			(
				db.prepare(`select effective_on from budget_revision where budget_line_id in (?, ?)`).all(lines[0]!.id, lines[1]!.id) as {
					effective_on: string;
				}[]
			).map((r) => r.effective_on)
		);
		const day = (n: number) => new Date(Date.parse(`${open.start_date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
		effectiveOn = [1, 2, 3, 4, 5, 6, 7].map(day).find((d) => !taken.has(d))!;
	} finally {
		db.close();
	}
});

describe('the Finance tab’s line panel', () => {
	it.each([
		{ javaScript: true, n: 0 },
		{ javaScript: false, n: 1 }
	])(
		'opens one line, records a revision and closes, the revised figure in the table (JavaScript: $javaScript)',
		async ({ javaScript, n }) => {
			const line = lines[n]!;
			const context = await env.browser.newContext({ javaScriptEnabled: javaScript });
			try {
				const page = await context.newPage();
				await signIn(page, env.app.url, COORD);
				await page.goto(`${env.app.url}/programmes/patss/finance`);
				expect(await page.getByTestId('line-panel').count()).toBe(0);

				await page.locator(`[data-testid="line-${line.code}"] a[href="?edit=${line.id}#line-panel"]`).click();
				await page.waitForURL(new RegExp(`[?&]edit=${line.id}\\b`));
				const panel = page.getByTestId('line-panel');
				expect(await panel.count()).toBe(1);
				expect(await panel.locator('h3').textContent()).toContain(line.code);

				const revisedMinor = line.originalMinor + 1_234_500;
				await page.locator(`#revise-${line.id}-effectiveOn`).fill(effectiveOn);
				await page.locator(`#revise-${line.id}-amount`).fill(String(revisedMinor / 100));
				await page.locator(`#revise-${line.id}-reason`).fill('Adenda: más talleres regionales');
				await panel.getByRole('button', { name: 'Registrar la revisión' }).click();
				await page.waitForURL(/notice=saved/);

				// The panel is closed; the row shows the amount in force beside the original.
				expect(page.url()).not.toContain('edit=');
				expect(await page.getByTestId('line-panel').count()).toBe(0);
				const row = (await page.getByTestId(`line-${line.code}`).textContent())!.replace(/\s+/g, ' ');
				expect(row).toContain(es.money(line.originalMinor, currency).replace(/\s+/g, ' '));
				expect(row).toContain(es.money(revisedMinor, currency).replace(/\s+/g, ' '));
				expect(row).toContain(es.t('finance.revisedOn', { date: es.date(effectiveOn) }));
				// The header gives the programme's original and revised totals.
				const header = (await page.getByTestId('finance-revised').textContent())!;
				expect(header).toContain(es.t('finance.originalBudget'));
				expect(header).toContain(es.t('finance.revisedBudget'));
			} finally {
				await context.close();
			}
		}
	);
});
