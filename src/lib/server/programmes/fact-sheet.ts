import { sql } from 'kysely';
import { z } from 'zod';
import { FUNDING_MODALITIES, LOCALES, PROGRAMME_STATUSES, type Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { changedFields, recordAudit } from '../core/audit';
import { DomainValidationError, NotFoundError, type FieldErrors } from '../core/errors';
import {
	dateField,
	enumField,
	optionalDateField,
	optionalMultilineText,
	optionalNumberField,
	optionalText,
	text,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import { toProgramme } from './programmes';

// Programmes are data, not seed code (design §2): an admin creates a programme and keeps every
// fact-sheet field. A change of dates that would leave reporting periods or activities outside
// the programme is refused, next to the field, naming what is in the way.

/** SDG targets as typed: "1.3, 8.5 5.4" → ["1.3", "8.5", "5.4"] (each like 1.3 or 17.b). */
const sdgTargetsField = () =>
	optionalText(200)
		.transform((v) =>
			v
				.split(/[\s,;]+/)
				.map((t) => t.trim())
				.filter(Boolean)
		)
		.refine((targets) => targets.every((t) => /^\d{1,2}\.[0-9a-z]{1,2}$/i.test(t)), { error: 'programmes.sdgFormat' })
		.transform((targets) => [...new Set(targets)]);

const factSheet = {
	code: text(40),
	shortName: text(80),
	title: text(400),
	country: text(120),
	partners: optionalText(400),
	donor: optionalText(200),
	fundingModality: enumField(FUNDING_MODALITIES),
	// Typed in the currency's units ("462640" or "462.640,50" is refused as ambiguous); kept in cents.
	budget: optionalNumberField({ min: 0, max: 1e11 }),
	currency: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{3}$/, { error: 'programmes.currencyFormat' }),
	startDate: dateField(),
	endDate: dateField(),
	revisedEndDate: optionalDateField(),
	status: enumField(PROGRAMME_STATUSES),
	summary: optionalMultilineText(4000),
	sdgTargets: sdgTargetsField(),
	genderMarker: enumField(['0', '1', '2']).transform(Number),
	iatiIdentifier: optionalText(100),
	iatiReportingOrg: optionalText(100),
	contentLanguage: enumField(LOCALES)
};

const checkDates = (v: { startDate: string; endDate: string; revisedEndDate: string | null }, ctx: z.RefinementCtx) => {
	if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' });
	if (v.revisedEndDate && v.revisedEndDate < v.endDate)
		ctx.addIssue({ code: 'custom', path: ['revisedEndDate'], message: 'programmes.revisedBeforeEnd' });
};

export const programmeCreateSchema = z
	.object({
		...factSheet,
		slug: z
			.string({ error: 'validation.required' })
			.trim()
			.toLowerCase()
			.min(1, { error: 'validation.required' })
			.max(60, { error: 'validation.tooLong' })
			.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'programmes.slugFormat' })
	})
	.superRefine(checkDates);
export const programmeEditSchema = z.object({ ...factSheet, version: versionField() }).superRefine(checkDates);
export type ProgrammeInput = z.output<typeof programmeEditSchema>;

function columns(input: Omit<ProgrammeInput, 'version'>) {
	return {
		code: input.code,
		short_name: input.shortName,
		title: input.title,
		country: input.country,
		partners: input.partners,
		donor: input.donor,
		funding_modality: input.fundingModality,
		budget_cents: input.budget === null ? null : Math.round(input.budget * 100),
		currency: input.currency,
		start_date: input.startDate,
		end_date: input.endDate,
		revised_end_date: input.revisedEndDate,
		status: input.status,
		summary: input.summary,
		sdg_targets: JSON.stringify(input.sdgTargets),
		gender_marker: input.genderMarker,
		iati_identifier: input.iatiIdentifier || null,
		iati_reporting_org: input.iatiReportingOrg || null,
		content_language: input.contentLanguage
	};
}

async function checkUnique(db: Executor, fields: { code: string; slug?: string }, exceptId?: number) {
	const errors: FieldErrors = {};
	let q = db
		.selectFrom('programme')
		.select(['code', 'slug'])
		.where((eb) => eb.or([eb('code', '=', fields.code), eb('slug', '=', fields.slug ?? '')]));
	if (exceptId) q = q.where('id', '!=', exceptId);
	for (const row of await q.execute()) {
		if (row.code === fields.code) errors.code = { key: 'programmes.codeTaken' };
		if (fields.slug && row.slug === fields.slug) errors.slug = { key: 'programmes.slugTaken' };
	}
	if (Object.keys(errors).length) throw new DomainValidationError(errors);
}

/** Periods and activities must stay within the new dates: a change that would strand them is refused. */
async function checkNothingOutside(db: Executor, programmeId: number, start: string, end: string) {
	const [periods, activities] = await Promise.all([
		db
			.selectFrom('reporting_period')
			.select((eb) => [eb.fn.min('start_date').as('first'), eb.fn.max('end_date').as('last'), eb.fn.countAll<number>().as('n')])
			.where('programme_id', '=', programmeId)
			.where((eb) => eb.or([eb('start_date', '<', start), eb('end_date', '>', end)]))
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('module.programme_id', '=', programmeId)
			.where((eb) =>
				eb.or(
					(['planned_start', 'planned_end', 'actual_start', 'actual_end'] as const).flatMap((column) => [
						eb(`activity.${column}`, '<', start),
						eb(`activity.${column}`, '>', end)
					])
				)
			)
			.executeTakeFirstOrThrow()
	]);
	const errors: FieldErrors = {};
	const outside = { periods: Number(periods.n), activities: Number(activities.n) };
	if (outside.periods || outside.activities) {
		const field = periods.first && periods.first < start ? 'startDate' : 'endDate';
		errors[field] = { key: 'programmes.datesStrand', params: outside };
	}
	if (Object.keys(errors).length) throw new DomainValidationError(errors);
}

export async function createProgramme(db: Executor, actor: Actor, input: z.output<typeof programmeCreateSchema>): Promise<Programme> {
	return inTransaction(db, async (trx) => {
		await checkUnique(trx, input);
		const row = await trx
			.insertInto('programme')
			.values({ slug: input.slug, ...columns(input) })
			.returningAll()
			.executeTakeFirstOrThrow();
		const programme = toProgramme(row);
		const { version: _version, ...after } = programme;
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'programme',
			entityId: programme.id,
			action: 'create',
			after
		});
		return programme;
	});
}

export async function updateProgramme(db: Executor, actor: Actor, id: number, input: ProgrammeInput): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await trx.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst();
		if (!row) throw new NotFoundError('programme', id);
		const before = toProgramme(row);
		await checkUnique(trx, { code: input.code }, id);
		await checkNothingOutside(trx, id, input.startDate, input.revisedEndDate ?? input.endDate);
		const { version, ...fields } = input;
		// A seeded illustrative IATI identifier stops being illustrative once the team saves its own.
		const iatiChanged =
			(input.iatiIdentifier || null) !== row.iati_identifier || (input.iatiReportingOrg || null) !== row.iati_reporting_org;
		const flag = iatiChanged ? { iati_illustrative: 0 } : {};
		const result = await trx
			.updateTable('programme')
			.set({ ...columns(fields), ...flag, updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'programme', id);
		const after = toProgramme({ ...row, ...columns(fields), ...flag });
		const { version: _before, ...was } = before;
		const { version: _after, ...now } = after;
		const diff = changedFields(
			{ ...was, sdgTargets: was.sdgTargets.join(', ') },
			{ ...now, sdgTargets: now.sdgTargets.join(', '), effectiveEndDate: undefined }
		);
		if (Object.keys(diff.after).length) {
			await recordAudit(trx, { userId: actor.id, programmeId: id, entity: 'programme', entityId: id, action: 'update', ...diff });
		}
	});
}
