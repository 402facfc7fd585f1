import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';

/** The seeded programme and a lookup of its indicators and periods by code/label. */
export async function seeded(db: Db, slug: string) {
	const programme = (await getProgrammeBySlug(db, slug)) as Programme;
	const indicators = await db.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programme.id).execute();
	const periods = await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute();
	return {
		programme,
		indicatorId: (code: string) => indicators.find((i) => i.code === code)!.id,
		periodId: (label: string) => periods.find((p) => p.label === label)!.id
	};
}
