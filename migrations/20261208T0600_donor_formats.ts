import type { Kysely } from 'kysely';
import { replaceCheckValues } from '../src/lib/server/db/ddl-check';

// The donors' own formats (issue 21): the ILO technical cooperation progress report layout
// (`ilo_tcpr`) beside the OECD-DAC and EU ones; the fact-sheet fields those formats print that the
// programme did not have (TC symbol, administrative and technical backstopping units, P&B and DWCP
// outcomes; EU contract number, coordinator, contact person, affiliated entities, target countries
// and target groups); and the reason an activity deviates from its plan, kept on the activity so
// its changes reach the audit trail like every other field.

const PROGRAMME_FIELDS = [
	'tc_symbol',
	'administrative_unit',
	'backstopping_unit',
	'pb_outcomes',
	'dwcp_outcome',
	'contract_number',
	'coordinator_contact',
	'affiliated_entities',
	'target_countries',
	'target_groups'
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	for (const column of PROGRAMME_FIELDS)
		await db.schema
			.alterTable('programme')
			.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
			.execute();
	await db.schema
		.alterTable('activity')
		.addColumn('deviation_reason', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	// The EU layout gained parts (target groups, intervention logic, logframe modifications, action
	// plan, financial report): drafts written before get their empty rows, as a new draft would.
	const euParts = ['target_groups', 'intervention_logic', 'logframe_modifications', 'action_plan', 'financial_report'];
	const drafts = await db.selectFrom('report').select('id').where('layout', '=', 'eu_narrative').where('status', '=', 'draft').execute();
	for (const { id } of drafts) {
		const have = new Set((await db.selectFrom('report_section').select('key').where('report_id', '=', id).execute()).map((r) => r.key));
		const missing = euParts.filter((k) => !have.has(k));
		if (missing.length)
			await db
				.insertInto('report_section')
				.values(missing.map((key) => ({ report_id: id, key })))
				.execute();
	}

	// The layout's check gains 'ilo_tcpr' (in place on PostgreSQL, a rebuild on SQLite).
	await replaceCheckValues(db, 'report', 'layout', ['oecd_dac', 'eu_narrative', 'ilo_tcpr']);
}
