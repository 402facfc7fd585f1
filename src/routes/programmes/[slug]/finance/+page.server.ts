import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { idField, optionalText, versionField } from '$lib/server/core/validation';
import { checkExpenditureFile } from '$lib/server/exchange/import-expenditure';
import { ImportRefusal } from '$lib/server/exchange/import-file';
import { findImport, stageUpload } from '$lib/server/exchange/import-staging';
import { confirmExpenditureImport } from '$lib/server/http/import-expenditure';
import { AlreadyImported, alreadyImportedMessage, refusalFailure } from '$lib/server/http/imports';
import { formValues } from '$lib/server/http/forms';
import { budgetLineTexts, writeTranslated } from '$lib/server/http/translations';
import {
	budgetLineDeletionImpact,
	budgetLineEditSchema,
	budgetLineSchema,
	createBudgetLine,
	deleteBudgetLine,
	updateBudgetLine
} from '$lib/server/finance/budget-lines';
import { expenditureGridSchema, saveExpenditureGrid } from '$lib/server/finance/expenditure';
import {
	budgetRevisionSchema,
	plannedDisbursementSchema,
	recordBudgetRevision,
	recordPlannedDisbursement,
	removeBudgetRevision,
	removeDisbursementSchema,
	removePlannedDisbursement,
	removeRevisionSchema
} from '$lib/server/finance/budget-revisions';
import { loadFinance } from '$lib/server/finance/finance-read';
import { deleteAction, programmeAction, type SchemaSource } from '$lib/server/http/actions';
import { requireProgramme } from '$lib/server/http/guards';
import { getLogframe, listPeriods } from '$lib/server/programmes/programmes';
import type { Actions, PageServerLoad } from './$types';

// The Finance tab (issue 20): budget lines with their shares, the expenditure grid of one period,
// and the rules' figures. Everyone in the programme reads it (donors: ended periods only);
// coordinators and admins edit.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const [finance, logframe] = await Promise.all([loadFinance(db, access.programme, access.viewer), getLogframe(db, access.programme.id)]);
	const requested = Number(event.url.searchParams.get('period'));
	const visible = finance.periods.filter((p) => finance.countedPeriodIds.includes(p.id));
	const period = visible.find((p) => p.id === requested) ?? visible.filter((p) => p.ended).at(-1) ?? visible[0] ?? null;
	// One line's edit and revision forms at a time (`?edit=<id>`): 200 lines must not render 200 forms.
	const editing = Number(event.url.searchParams.get('edit'));
	return {
		finance,
		period,
		editLineId: finance.lines.some((l) => l.id === editing) ? editing : null,
		modules: logframe.map((m) => ({
			id: m.id,
			code: m.code,
			title: m.title,
			outputs: m.outputs.map((o) => ({ id: o.id, code: o.code, title: o.title }))
		})),
		canEdit: access.can('finance.edit')
	};
};

/** The budget-line form is built for the programme's periods, modules and outputs. */
const lineForm = async (db: ReturnType<typeof getDb>, programmeId: number) => {
	const [periods, logframe] = await Promise.all([listPeriods(db, programmeId), getLogframe(db, programmeId)]);
	return { periods, modules: logframe, outputs: logframe.flatMap((m) => m.outputs) };
};

// The line's title in the other language is posted beside the original and saved in the same transaction.
const withTexts = <S extends z.ZodType>(schema: S) => z.intersection(schema, z.object(budgetLineTexts));
const createSchema: SchemaSource<ReturnType<typeof withTexts<ReturnType<typeof budgetLineSchema>>>> = async ({ db, access }) =>
	withTexts(budgetLineSchema(await lineForm(db, access.programme.id)));
const editSchema: SchemaSource<ReturnType<typeof withTexts<ReturnType<typeof budgetLineEditSchema>>>> = async ({ db, access }) =>
	withTexts(budgetLineEditSchema(await lineForm(db, access.programme.id)));
const gridSchema: SchemaSource<ReturnType<typeof expenditureGridSchema>> = async ({ db, access }) => {
	const lines = await db.selectFrom('budget_line').select('id').where('programme_id', '=', access.programme.id).execute();
	return expenditureGridSchema(lines.map((l) => l.id));
};

// The expenditure import (check → preview → confirm), as the values import's: the file is staged
// on the server by its SHA-256 and confirm re-checks that copy, never rows the browser sends back.
const importCheckSchema = z.object({
	file: z.unknown().refine((v): v is File => v instanceof File && v.size > 0 && v.name.length <= 255, { error: 'import.noFile' })
});
const importConfirmSchema = z.object({
	sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'import.stagedGone' }),
	kind: z.enum(['xlsx', 'csv'], { error: 'import.stagedGone' }),
	fileName: optionalText(255)
});

export const actions = {
	createLine: (event) =>
		programmeAction(event, 'finance.edit', createSchema, async ({ db, access, data, redirect }) => {
			const { titleTranslation, ...input } = data;
			await writeTranslated(db, access.user, access.programme, 'budget_line', { title: titleTranslation }, (trx) =>
				createBudgetLine(trx, access.user, access.programme, input)
			);
			redirect('created', { hash: 'lines' });
		}),
	updateLine: (event) =>
		programmeAction(event, 'finance.edit', editSchema, async ({ db, access, data, redirect }) => {
			const { id, version, titleTranslation, ...input } = data;
			await writeTranslated(db, access.user, access.programme, 'budget_line', { title: titleTranslation }, async (trx) => {
				await updateBudgetLine(trx, access.user, access.programme, id, version, input);
				return id;
			});
			redirect('saved', { hash: 'lines' });
		}),
	deleteLine: (event) =>
		deleteAction(event, 'finance.edit', z.object({ id: idField(), version: versionField(), name: z.string().max(100).default('') }), {
			impact: async ({ db, access, data }) => ({ ...data, impact: await budgetLineDeletionImpact(db, access.programme.id, data.id) }),
			remove: ({ db, access, data }) => deleteBudgetLine(db, access.user, access.programme, data.id, data.version),
			done: ({ redirect }) => redirect('deleted', { hash: 'lines' })
		}),
	reviseLine: (event) =>
		programmeAction(event, 'finance.edit', budgetRevisionSchema, async ({ db, access, data, redirect }) => {
			await recordBudgetRevision(db, access.user, access.programme, data);
			// Like saving the line: the panel closes and the lines table shows the budget in force.
			redirect('saved', { hash: 'lines' });
		}),
	removeRevision: (event) =>
		programmeAction(event, 'finance.edit', removeRevisionSchema, async ({ db, access, data, redirect }) => {
			await removeBudgetRevision(db, access.user, access.programme, data.id, data.version);
			redirect('deleted', { hash: 'lines' });
		}),
	addDisbursement: (event) =>
		programmeAction(event, 'finance.edit', plannedDisbursementSchema, async ({ db, access, data, redirect }) => {
			await recordPlannedDisbursement(db, access.user, access.programme, data);
			redirect('created', { hash: 'disbursements' });
		}),
	removeDisbursement: (event) =>
		programmeAction(event, 'finance.edit', removeDisbursementSchema, async ({ db, access, data, redirect }) => {
			await removePlannedDisbursement(db, access.user, access.programme, data.id, data.version);
			redirect('deleted', { hash: 'disbursements' });
		}),
	saveGrid: (event) =>
		programmeAction(event, 'finance.edit', gridSchema, async ({ db, access, data }) => {
			await saveExpenditureGrid(db, access.user, access.programme, data);
			// Back to the same period's grid (the notice redirect knows no other query).
			redirect(303, `/programmes/${encodeURIComponent(access.programme.slug)}/finance?period=${data.periodId}&notice=saved#grid`);
		}),
	checkImport: (event) =>
		programmeAction(event, 'finance.edit', importCheckSchema, async ({ db, access, data, form }) => {
			const locale = event.locals.locale;
			const file = data.file as File;
			const bytes = Buffer.from(await file.arrayBuffer());
			try {
				const check = await checkExpenditureFile(db, access.programme, locale, { bytes, fileName: file.name });
				await stageUpload(access.programme.id, bytes, check.preview.kind);
				const prior = await findImport(db, access.programme.id, 'expenditure_import', check.preview.sha256);
				return { form: 'import', importPreview: check.preview, already: prior ? alreadyImportedMessage(locale, prior) : null };
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'import', form, locale);
				throw error;
			}
		}),
	confirmImport: (event) =>
		programmeAction(event, 'finance.edit', importConfirmSchema, async ({ db, access, data, form, redirect }) => {
			const locale = event.locals.locale;
			try {
				await confirmExpenditureImport(db, access.user, access.programme, locale, data);
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'import', form, locale);
				if (error instanceof AlreadyImported)
					return fail(409, {
						form: 'import',
						errors: {},
						formError: alreadyImportedMessage(locale, error.prior),
						values: formValues(form)
					});
				throw error;
			}
			redirect('imported', { hash: 'import' });
		})
} satisfies Actions;
