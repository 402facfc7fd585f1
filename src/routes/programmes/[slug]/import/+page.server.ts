import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { programmeAction } from '$lib/server/http/actions';
import { formValues } from '$lib/server/http/forms';
import { requireProgramme } from '$lib/server/http/guards';
import {
	AlreadyImported,
	alreadyImportedMessage,
	canImportLogframe,
	confirmLogframeImport,
	confirmValueImport,
	logframeRefused,
	refusalFailure
} from '$lib/server/http/imports';
import { checkLogframeFile } from '$lib/server/exchange/import-logframe';
import { libraryCodes } from '$lib/server/library/links';
import { listPeriods } from '$lib/server/programmes/programmes';
import { defaultDecimalFor, ImportRefusal } from '$lib/server/exchange/import-file';
import { findImport, stageUpload } from '$lib/server/exchange/import-staging';
import { checkValueFile } from '$lib/server/exchange/import-values';
import { optionalText } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

// Import of period values (and of a logframe) from a workbook or CSV: check → preview → confirm.
// Coordinators (and admins); donors and evaluators get 403 here, as for the value form.

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.record');
	const periods = await listPeriods(getDb(), access.programme.id);
	return {
		periods,
		defaultDecimal: defaultDecimalFor(access.programme.country),
		canLogframe: canImportLogframe(access)
	};
};

const upload = () =>
	z.unknown().refine((v): v is File => v instanceof File && v.size > 0 && v.name.length <= 255, { error: 'import.noFile' });
const decimal = () => z.enum([',', '.'], { error: 'validation.choice' });
const intent = () => z.enum(['draft', 'submit'], { error: 'validation.choice' }).default('draft');
const staged = {
	sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'import.stagedGone' }),
	kind: z.enum(['xlsx', 'csv'], { error: 'import.stagedGone' }),
	fileName: optionalText(255)
};

const checkSchema = z.object({ file: upload(), decimal: decimal(), intent: intent() });
const confirmSchema = z.object({ ...staged, decimal: decimal(), intent: intent() });
const logframeCheckSchema = z.object({ file: upload() });
const logframeConfirmSchema = z.object({ sha256: staged.sha256, fileName: staged.fileName });

export const actions = {
	check: (event) =>
		programmeAction(event, 'value.record', checkSchema, async ({ db, access, data, form }) => {
			const locale = event.locals.locale;
			const file = data.file as File;
			const bytes = Buffer.from(await file.arrayBuffer());
			try {
				const check = await checkValueFile(db, access.programme, locale, { bytes, fileName: file.name }, data);
				await stageUpload(access.programme.id, bytes, check.preview.kind);
				const prior = await findImport(db, access.programme.id, 'value_import', check.preview.sha256);
				return { form: 'values', preview: check.preview, already: prior ? alreadyImportedMessage(locale, prior) : null };
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'values', form, locale);
				throw error;
			}
		}),
	confirm: (event) =>
		programmeAction(event, 'value.record', confirmSchema, async ({ db, access, data, form, redirect }) => {
			const locale = event.locals.locale;
			try {
				await confirmValueImport(db, access.user, access.programme, locale, data);
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'values', form, locale);
				if (error instanceof AlreadyImported) {
					const message = alreadyImportedMessage(locale, error.prior);
					return fail(409, { form: 'values', errors: {}, formError: message, values: formValues(form) });
				}
				throw error;
			}
			redirect('imported');
		}),
	checkLogframe: (event) =>
		programmeAction(event, 'logframe.edit', logframeCheckSchema, async ({ db, access, data, form }) => {
			const locale = event.locals.locale;
			if (!canImportLogframe(access)) return logframeRefused(locale);
			const file = data.file as File;
			const bytes = Buffer.from(await file.arrayBuffer());
			try {
				const { preview } = await checkLogframeFile(
					db,
					access.programme,
					locale,
					{ bytes, fileName: file.name },
					await libraryCodes(db, access.programme.id)
				);
				await stageUpload(access.programme.id, bytes, 'xlsx');
				const prior = await findImport(db, access.programme.id, 'logframe_import', preview.sha256);
				return { form: 'logframe', logframe: preview, already: prior ? alreadyImportedMessage(locale, prior) : null };
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'logframe', form, locale);
				throw error;
			}
		}),
	confirmLogframe: (event) =>
		programmeAction(event, 'logframe.edit', logframeConfirmSchema, async ({ db, access, data, form, redirect }) => {
			const locale = event.locals.locale;
			if (!canImportLogframe(access)) return logframeRefused(locale);
			try {
				await confirmLogframeImport(db, access.user, access.programme, locale, data);
			} catch (error) {
				if (error instanceof ImportRefusal) return refusalFailure(error, 'logframe', form, locale);
				if (error instanceof AlreadyImported) {
					return fail(409, {
						form: 'logframe',
						errors: {},
						formError: alreadyImportedMessage(locale, error.prior),
						values: formValues(form)
					});
				}
				throw error;
			}
			redirect('imported');
		})
} satisfies Actions;
