import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

// The evaluator's workspace in Chromium (issue 24): an evaluator builds a matrix and sees a weak
// question turn adequate once the coordinators approve a value with evidence; a coordinator
// records a lesson mid-programme (a missing template field refused in place, keeping what was
// typed); a search across programmes in English finds a Spanish entry by its translation. The
// matrix's texts are content in both languages: an English reader sees a question's English version,
// and the original marked "(es)" where there is none; the report editor shows each criterion's
// questions before the evidence that answers them.

const env = appInChromium();
const userPage = (email: string): Promise<Page> => env.signedInPage(email);

const EVALUATOR = 'evaluator@avance.test';
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';

/** The journey's data, read from the app's own database copy. */
let report: { id: number; windowStart: string; cutOff: string };
let indicator: { id: number; code: string };
let periodId: number;
let recommendation: { id: number; code: string };

beforeAll(() => {
	const db = new Database(env.app.databasePath, { readonly: true });
	try {
		// A draft PATSS report without a matrix yet.
		report = db
			.prepare(
				`select report.id, window_start as windowStart, cut_off as cutOff from report join programme on programme.id = report.programme_id
				 where programme.slug = 'patss' and report.status = 'draft'
				   and not exists (select 1 from evaluation_question q where q.report_id = report.id)
				 order by report.id limit 1`
			)
			.get() as typeof report;
		// Its latest open period, and a plain count indicator with no value at all in its window.
		periodId = (
			db
				.prepare(
					`select reporting_period.id from reporting_period join programme on programme.id = reporting_period.programme_id
					 where programme.slug = 'patss' and reporting_period.locked = 0 and reporting_period.end_date > ? and reporting_period.end_date <= ?
					 order by reporting_period.end_date desc limit 1`
				)
				.get(report.windowStart, report.cutOff) as { id: number }
		).id;
		indicator = db
			.prepare(
				`select indicator.id, indicator.code from indicator join programme on programme.id = indicator.programme_id
				 where programme.slug = 'patss' and indicator.source = 'manual' and indicator.measure = 'number' and indicator.disaggregated_by_sex = 0
				   and not exists (select 1 from indicator_value v join reporting_period p on p.id = v.period_id
				                   where v.indicator_id = indicator.id and p.end_date > ? and p.end_date <= ?)
				 order by indicator.sort_order, indicator.id limit 1`
			)
			.get(report.windowStart, report.cutOff) as typeof indicator;
		recommendation = db
			.prepare(
				`select recommendation.id, recommendation.code from recommendation join programme on programme.id = recommendation.programme_id
				 where programme.slug = 'patss' order by recommendation.id limit 1`
			)
			.get() as typeof recommendation;
	} finally {
		db.close();
	}
	expect(report).toBeDefined();
	expect(indicator).toBeDefined();
});

const QUESTION = '¿Se fortaleció la participación de los mandantes en el período?';

describe('the evaluation matrix, in Chromium', () => {
	it('an evaluator builds a matrix and sees a weak question turn adequate once a value with evidence is approved', async () => {
		const evaluator = await userPage(EVALUATOR);
		await evaluator.goto(`${env.app.url}/programmes/patss/reports/${report.id}`);
		await evaluator.getByTestId('matrix-link').click();
		await evaluator.waitForURL(/\/matrix$/);
		expect(await evaluator.getByText('La matriz aún no tiene preguntas.').count()).toBe(1);

		// The question, its criterion, method, and the evidence it rests on: an indicator and a recommendation.
		const add = evaluator.locator('section[aria-labelledby="add-title"]');
		await add.locator('#qnew-criterion').selectOption('effectiveness');
		await add.getByLabel(/^Pregunta de evaluación(\s*\*)?$/).fill(QUESTION);
		await add.getByLabel('Criterios de juicio', { exact: true }).fill('Meta del período alcanzada y documentada.');
		await add.getByLabel('Fuentes de datos', { exact: true }).fill('Actas de las mesas técnicas.');
		await add.getByLabel('Revisión documental').check();
		await add.locator(`input[name="indicatorIds"][value="${indicator.id}"]`).check();
		await add.locator(`input[name="recommendationIds"][value="${recommendation.id}"]`).check();
		await add.getByRole('button', { name: 'Añadir pregunta' }).click();

		const question = evaluator.getByTestId('matrix-question').filter({ hasText: QUESTION });
		await expect.poll(() => question.count()).toBe(1);
		// The add form is empty again: a second question does not inherit the first one's values.
		expect(await add.getByLabel(/^Pregunta de evaluación(\s*\*)?$/).inputValue()).toBe('');
		expect(await add.getByLabel('Criterios de juicio', { exact: true }).inputValue()).toBe('');
		expect(await add.locator('#qnew-criterion').inputValue()).toBe('relevance');
		expect(await add.getByLabel('Revisión documental').isChecked()).toBe(false);
		expect(await add.locator(`input[name="indicatorIds"][value="${indicator.id}"]`).isChecked()).toBe(false);
		expect(await add.locator(`input[name="recommendationIds"][value="${recommendation.id}"]`).isChecked()).toBe(false);
		// Weak, and said in words: the indicator has no approved value in the window.
		expect(await question.getByTestId('sufficiency').getAttribute('data-level')).toBe('weak');
		expect(await question.getByTestId('sufficiency').textContent()).toContain('Débil');
		expect(await question.getByTestId('sufficiency-reasons').textContent()).toContain(indicator.code);
		expect(await evaluator.getByTestId('matrix-missing').textContent()).toContain(indicator.code);

		// A coordinator records the period's value with its evidence; a second coordinator approves it.
		const coordinator = await userPage(COORD);
		await coordinator.goto(`${env.app.url}/programmes/patss/indicators/${indicator.id}?period=${periodId}`);
		const form = coordinator.getByTestId('value-form');
		await form.locator('#value-total').fill('7');
		await form.getByLabel('Evidencia (enlace)').fill('https://example.org/actas-mesas-tecnicas.pdf');
		await form.getByRole('button', { name: 'Guardar y enviar a revisión' }).click();
		await expect.poll(() => coordinator.getByTestId('notice').textContent()).toBe('Valor enviado a revisión.');

		// While it waits for review, the matrix says so (still weak).
		await evaluator.reload();
		expect(await question.getByTestId('sufficiency').getAttribute('data-level')).toBe('weak');

		const second = await userPage(COORD2);
		await second.goto(`${env.app.url}/programmes/patss/indicators/${indicator.id}?period=${periodId}`);
		await second.getByRole('button', { name: /Aprobar/ }).click();
		await expect.poll(() => second.getByTestId('notice').textContent()).toBe('Valor aprobado.');

		// The same cell is now adequate, and nothing is missing for it.
		await evaluator.reload();
		expect(await question.getByTestId('sufficiency').getAttribute('data-level')).toBe('adequate');
		expect(await question.getByTestId('sufficiency').textContent()).toContain('Adecuada');
		expect(await evaluator.getByTestId('matrix-missing').textContent()).not.toContain(QUESTION);

		for (const p of [evaluator, coordinator, second]) await p.context().close();
		// Three people's pages, two forms and four reloads: more than the default minute on a loaded machine.
	}, 120_000);
	it('lists codes with a space after each comma, and each question once in the missing evidence', async () => {
		const page = await userPage(EVALUATOR);
		const db = new Database(env.app.databasePath, { readonly: true });
		let seeded: { id: number };
		try {
			// The seeded PATSS final evaluation's matrix (its questions link several indicators).
			seeded = db
				.prepare(
					`select report.id from report join programme on programme.id = report.programme_id
					 where programme.slug = 'patss' and exists (select 1 from evaluation_question q where q.report_id = report.id
					   and (select count(*) from evaluation_question_indicator qi where qi.question_id = q.id) > 1)
					 order by report.id limit 1`
				)
				.get() as { id: number };
		} finally {
			db.close();
		}
		expect(seeded).toBeDefined();
		await page.goto(`${env.app.url}/programmes/patss/reports/${seeded.id}/matrix`);
		const lists = await page.getByTestId('question-codes').allTextContents();
		const joined = lists.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.includes(','));
		expect(joined.length).toBeGreaterThan(0);
		for (const t of joined) expect(t).not.toMatch(/,\S/);
		const missing = await page.getByTestId('missing-question').locator('a').allTextContents();
		expect(missing.length).toBe(new Set(missing).size);
		await page.context().close();
	});
});

const Q_ES = '¿Respondió el programa a las prioridades de los mandantes?';
const Q_EN = "Did the programme respond to the constituents' priorities?";
const J_ES = 'Prioridades de los mandantes recogidas en los planes de trabajo.';
const J_EN = "Constituents' priorities taken up in the work plans.";
const S_ES = 'Actas del comité de seguimiento.';

describe('the evaluation matrix in two languages, in Chromium', () => {
	it('an evaluator enters a question with its English version and reads it on the English screens; an untranslated text is marked (es)', async () => {
		const page = await userPage(EVALUATOR);
		await page.goto(`${env.app.url}/programmes/patss/reports/${report.id}/matrix`);
		const add = page.locator('section[aria-labelledby="add-title"]');
		await add.locator('#qnew-criterion').selectOption('relevance');
		// Each text is written beside its version in English, as on every other form.
		await add.getByLabel(/^Pregunta de evaluación(\s*\*)?$/).fill(Q_ES);
		await add.getByLabel('Pregunta de evaluación en inglés').fill(Q_EN);
		await add.getByLabel('Criterios de juicio', { exact: true }).fill(J_ES);
		await add.getByLabel('Criterios de juicio en inglés').fill(J_EN);
		await add.getByLabel('Fuentes de datos', { exact: true }).fill(S_ES);
		await add.getByRole('button', { name: 'Añadir pregunta' }).click();

		// In Spanish the originals, unmarked; the saved question's form holds its English version.
		const question = page.getByTestId('matrix-question').filter({ hasText: Q_ES });
		await expect.poll(() => question.count()).toBe(1);
		expect(await question.getByTestId('question-text').textContent()).not.toContain('(es)');
		expect(await question.getByLabel('Pregunta de evaluación en inglés').inputValue()).toBe(Q_EN);
		expect(await add.getByLabel('Pregunta de evaluación en inglés').inputValue()).toBe('');

		// In English: the English texts, and the original marked where nothing was translated.
		await page.getByRole('button', { name: /^EN/ }).click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		const english = page.getByTestId('matrix-question').filter({ hasText: Q_EN });
		await expect.poll(() => english.count()).toBe(1);
		expect(await english.getByTestId('question-text').textContent()).not.toContain('(es)');
		expect(await english.getByTestId('question-text').textContent()).not.toContain(Q_ES);
		expect(await english.getByTestId('question-judgement').textContent()).toContain(J_EN);
		const sources = english.getByTestId('question-sources');
		expect(await sources.locator('[lang="es"]').textContent()).toBe(S_ES);
		expect(await sources.locator('.fallback-mark').textContent()).toBe('(es)');
		// The first journey's question was written in Spanish only.
		const spanishOnly = page.getByTestId('matrix-question').filter({ hasText: QUESTION });
		expect(await spanishOnly.getByTestId('question-text').locator('.fallback-mark').textContent()).toBe('(es)');

		// The English report editor prints the English question with the relevance rating.
		await page.goto(`${env.app.url}/programmes/patss/reports/${report.id}`);
		const relevance = page.getByTestId('section-relevance').locator('aside');
		expect(await relevance.textContent()).toContain(Q_EN);
		expect(await relevance.textContent()).not.toContain(Q_ES);

		// Back to Spanish, so the journeys below read the screens they expect.
		await page.getByRole('button', { name: /^ES/ }).click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
		await page.context().close();
	});

	it('the report editor shows each criterion’s evaluation questions before the evidence tables that answer them', async () => {
		const page = await userPage(EVALUATOR);
		await page.goto(`${env.app.url}/programmes/patss/reports/${report.id}`);
		const aside = page.getByTestId('section-effectiveness').locator('aside');
		const titles = await aside.locator('section.evidence').evaluateAll((list) => list.map((s) => s.getAttribute('aria-label')));
		expect(titles[0]).toBe('Preguntas de evaluación');
		expect(titles.length).toBeGreaterThan(1);
		// In the page's order: the question, then the first evidence table.
		const questionThenTable = await aside.evaluate((el, text) => {
			const question = [...el.querySelectorAll('p')].find((p) => p.textContent?.includes(text));
			const table = el.querySelector('table');
			if (!question || !table) return null;
			return (question.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
		}, QUESTION);
		expect(questionThenTable).toBe(true);
		// Drawn by the report's own renderer (issue 26): its figures aligned at the end, as the report prints them.
		const figure = aside.locator('table td.num').first();
		expect(await figure.evaluate((td) => getComputedStyle(td).textAlign)).toBe('end');
		await page.context().close();
	});
});

describe('lessons learned and good practices, in Chromium', () => {
	it('a coordinator records a lesson mid-programme; a missing template field is refused in place, keeping what was typed', async () => {
		const page = await userPage(COORD);
		await page.goto(`${env.app.url}/programmes/patss/lessons`);
		await page.getByRole('link', { name: 'Nueva lección aprendida' }).click();
		await page.waitForURL(/\/lessons\/new\?kind=lesson/);
		const form = page.getByTestId('lesson-form');
		await form.locator('#lesson-theme').selectOption('social_dialogue');
		await form.locator('#lesson-title').fill('Las mesas de trabajo semanales destraban los reglamentos');
		await form.locator('#lesson-titleTranslation').fill('Weekly working tables unblock the regulations');
		await form.locator('#lesson-challenges').fill('Los reglamentos esperaban meses en revisión jurídica.');
		await form.getByRole('button', { name: 'Guardar' }).click();

		// The context is required by the ILO template: said next to it, and the rest is kept.
		await expect.poll(() => form.locator('#lesson-context').getAttribute('aria-invalid')).toBe('true');
		// The keyboard is taken to the first field in error.
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lesson-context');
		expect(await form.locator('#lesson-title').inputValue()).toBe('Las mesas de trabajo semanales destraban los reglamentos');
		expect(await form.locator('#lesson-challenges').inputValue()).toBe('Los reglamentos esperaban meses en revisión jurídica.');

		await form.locator('#lesson-context').fill('A mitad del programa, el IESS revisaba tres reglamentos de afiliación a la vez.');
		await form.getByRole('button', { name: 'Guardar' }).click();
		await page.waitForURL(/\/lessons\/\d+(\?|$)/);
		expect(await page.locator('h1').textContent()).toContain('Las mesas de trabajo semanales destraban los reglamentos');
		expect(await page.getByTestId('lesson-status').textContent()).toContain('Borrador');
		expect(await page.getByTestId('lesson-fields').textContent()).toContain('el IESS revisaba tres reglamentos');

		// A coordinator does not validate: that is the evaluator's, who then finds it in the list as validated.
		expect(await page.getByRole('button', { name: 'Validar' }).count()).toBe(0);
		const url = page.url().split('?')[0]!;
		const evaluator = await userPage(EVALUATOR);
		await evaluator.goto(url);
		await evaluator.getByRole('button', { name: 'Validar' }).click();
		await expect.poll(() => evaluator.getByTestId('lesson-status').textContent()).not.toContain('Borrador');

		for (const p of [page, evaluator]) await p.context().close();
	});

	it('a search across programmes in English finds a Spanish entry by its translation', async () => {
		const page = await userPage(EVALUATOR);
		await page.getByRole('button', { name: /EN/ }).click();
		await page.goto(`${env.app.url}/lessons`);
		// The evaluator belongs to every programme: the programme filter offers them all.
		expect(await page.locator('#search-programme option').count()).toBeGreaterThan(2);
		const search = page.getByTestId('lesson-search');
		await search.locator('#search-q').fill('QUOTAS "gender equality"');
		await search.getByRole('button', { name: 'Search', exact: true }).click();
		await page.waitForURL(/[?&]q=/);
		const hits = page.getByTestId('search-hits');
		// PATSS's mid-term lesson is written in Spanish; its English title is what an English reader sees.
		const hit = hits.getByRole('link', { name: 'Participation quotas are not enough for gender equality' });
		expect(await hit.count()).toBe(1);
		expect(await hit.getAttribute('lang')).toBe('en');
		expect(await hits.locator('li').filter({ hasText: 'Participation quotas are not enough for gender equality' }).textContent()).toContain(
			'PATSS'
		);
		// Each separator has a space on both sides (the seeded entries carry a criterion).
		const facts = (await hits.getByTestId('hit-facts').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
		expect(facts.length).toBeGreaterThan(0);
		for (const f of facts) expect(f).not.toMatch(/\S·|·\S/);
		await hit.click();
		await page.waitForURL(/\/programmes\/patss\/lessons\/\d+$/);
		expect(await page.locator('h1').textContent()).toContain('Participation quotas are not enough for gender equality');
		const header = (await page.getByTestId('lesson-facts').textContent())!.replace(/\s+/g, ' ').trim();
		expect(header.split(' · ').length).toBe(3);
		expect(header).not.toMatch(/\S·|·\S/);
		await page.goto(`${env.app.url}/programmes/patss/lessons`);
		const listed = (await page.getByTestId('lesson-facts').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
		expect(listed.some((f) => f.includes(' · '))).toBe(true);
		for (const f of listed) expect(f).not.toMatch(/\S·|·\S/);
		await page.context().close();
	});
});
