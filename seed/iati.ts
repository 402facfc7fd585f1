import { recordAudit } from '../src/lib/server/core/audit';
import type { Db } from '../src/lib/server/db/connection';

// The demo's IATI identifiers (issue 20, reviewer's F24): without one no seeded programme can
// export IATI, so the budgets (original and revised), planned disbursements and expenditure
// transactions the IATI file carries could never be seen or checked against the Finance tab. The
// source documents give no IATI identifier, so these are illustrative: built as the ILO's
// (reporting organisation XM-DAC-41302, a real DAC code) followed by a made-up activity part that
// says DEMO, stored with `iati_illustrative = 1` so the fact sheet marks them "Illustrative", as
// the other invented seed figures are. Written only where the programme has no identifier yet: a
// team's own is never overwritten.

export const ILO_IATI_ORG = 'XM-DAC-41302';

/** Illustrative IATI identifiers by programme slug. */
export const IATI_SEEDS: Record<string, string> = {
	patss: `${ILO_IATI_ORG}-DEMO-ECU-PATSS`,
	'el-salvador-pps': `${ILO_IATI_ORG}-DEMO-SLV-16-03-RBS`,
	'peru-desempleo-ue': `${ILO_IATI_ORG}-DEMO-PER-UE-DESEMPLEO`,
	'ecuador-desempleo-ue': `${ILO_IATI_ORG}-DEMO-ECU-UE-DESEMPLEO`
};

/** Writes a programme's illustrative IATI identifier and reporting organisation, only where it has no identifier yet. */
export async function seedIati(db: Db, programmeId: number, identifier: string | undefined): Promise<boolean> {
	if (!identifier) return false;
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('programme')
			.select(['iati_identifier', 'iati_reporting_org'])
			.where('id', '=', programmeId)
			.executeTakeFirstOrThrow();
		if (row.iati_identifier) return false;
		const reportingOrg = row.iati_reporting_org || ILO_IATI_ORG;
		await trx
			.updateTable('programme')
			.set({ iati_identifier: identifier, iati_reporting_org: reportingOrg, iati_illustrative: 1 })
			.where('id', '=', programmeId)
			.execute();
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'update',
			before: { iatiIdentifier: null, iatiReportingOrg: row.iati_reporting_org },
			after: { iatiIdentifier: identifier, iatiReportingOrg: reportingOrg, iatiIllustrative: true },
			reason: 'seed (illustrative)'
		});
		return true;
	});
}
