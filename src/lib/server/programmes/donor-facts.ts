import { sql } from 'kysely';
import { z } from 'zod';
import { DONOR_FACTS, type DonorFact } from '$lib/reports/snapshot-donor';
import type { Actor } from '../core/actor';
import { changedFields, recordAudit } from '../core/audit';
import { NotFoundError } from '../core/errors';
import { saveTranslations } from '../core/translations';
import { optionalMultilineText, optionalText, translationText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import { translationLanguage } from '$lib/content-language';

// The fact-sheet fields the donors' own formats print (issue 21): the ILO TCPR's TC symbol,
// administrative and technical backstopping units, P&B and DWCP outcomes; the EU Annex VI's
// contract number, coordinator and contact, affiliated entities, target countries and target
// groups. They live on the programme row and share its version; texts (not codes) are translatable
// through the translation table under the column's name, like the programme's title.

const COLUMN = {
	tcSymbol: 'tc_symbol',
	administrativeUnit: 'administrative_unit',
	backstoppingUnit: 'backstopping_unit',
	pbOutcomes: 'pb_outcomes',
	dwcpOutcome: 'dwcp_outcome',
	contractNumber: 'contract_number',
	coordinatorContact: 'coordinator_contact',
	affiliatedEntities: 'affiliated_entities',
	targetCountries: 'target_countries',
	targetGroups: 'target_groups'
} as const satisfies Record<DonorFact, string>;

/** Codes are printed as typed; the other facts are texts a reader wants in their own language. */
export const TRANSLATED_FACTS = [
	'administrativeUnit',
	'backstoppingUnit',
	'pbOutcomes',
	'dwcpOutcome',
	'coordinatorContact',
	'affiliatedEntities',
	'targetCountries',
	'targetGroups'
] as const satisfies readonly DonorFact[];
export type TranslatedFact = (typeof TRANSLATED_FACTS)[number];

/** The translation table's field name of a fact (the column's name, as for title and summary). */
export const factColumn = (fact: DonorFact): string => COLUMN[fact];

export type DonorFacts = Record<DonorFact, string>;

export const donorFactsSchema = z.object({
	version: versionField(),
	tcSymbol: optionalText(60),
	contractNumber: optionalText(60),
	administrativeUnit: optionalText(300),
	backstoppingUnit: optionalText(300),
	pbOutcomes: optionalMultilineText(2000),
	dwcpOutcome: optionalMultilineText(2000),
	coordinatorContact: optionalMultilineText(1000),
	affiliatedEntities: optionalMultilineText(2000),
	targetCountries: optionalText(400),
	targetGroups: optionalMultilineText(4000),
	...(Object.fromEntries(TRANSLATED_FACTS.map((f) => [`${f}Translation`, translationText(4000, true)])) as Record<
		`${TranslatedFact}Translation`,
		ReturnType<typeof translationText>
	>)
});
export type DonorFactsInput = z.output<typeof donorFactsSchema>;

type Row = { [K in (typeof COLUMN)[DonorFact]]: string };

function toFacts(row: Row): DonorFacts {
	return Object.fromEntries(DONOR_FACTS.map((f) => [f, row[COLUMN[f]]])) as DonorFacts;
}

/** The programme's donor-format facts (one statement). */
export async function readDonorFacts(db: Executor, programmeId: number): Promise<DonorFacts & { version: number }> {
	const row = await db
		.selectFrom('programme')
		.select([...Object.values(COLUMN), 'version'])
		.where('id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('programme', programmeId);
	return { ...toFacts(row), version: row.version };
}

/**
 * Saves the facts and their translations in one transaction, version-checked against the programme
 * (a fact-sheet edit in between is a conflict, never overwritten); changed fields are audited.
 */
export async function updateDonorFacts(
	db: Executor,
	actor: Actor,
	programme: { id: number; contentLanguage: 'es' | 'en' },
	input: DonorFactsInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await readDonorFacts(trx, programme.id);
		const after = Object.fromEntries(DONOR_FACTS.map((f) => [f, input[f]])) as DonorFacts;
		const result = await trx
			.updateTable('programme')
			.set({
				...(Object.fromEntries(DONOR_FACTS.map((f) => [COLUMN[f], after[f]])) as Row),
				updated_at: new Date().toISOString(),
				version: sql`version + 1`
			})
			.where('id', '=', programme.id)
			.where('version', '=', input.version)
			.executeTakeFirst();
		assertSaved(result, 'programme', programme.id);
		const { version: _version, ...was } = before;
		const diff = changedFields(was, after);
		if (Object.keys(diff.after).length)
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'programme',
				entityId: programme.id,
				action: 'update',
				...diff
			});
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'programme', entityId: programme.id, locale: translationLanguage(programme) },
			Object.fromEntries(TRANSLATED_FACTS.map((f) => [COLUMN[f], input[`${f}Translation`]])) as Record<
				(typeof COLUMN)[TranslatedFact],
				string | undefined
			>
		);
	});
}
