import { z } from 'zod';
import { ADOPTION_STATUSES, PRIORITIES, RECOMMENDATION_AREAS } from '$lib/model';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { todayIso } from '$lib/server/core/dates';
import { parseConstituent } from '$lib/constituents';
import { constituentTags } from '$lib/server/dialogue/tags';
import type { PageServerLoad } from './$types';

// Filters arrive in the query string; anything unreadable is simply ignored (no filter).
const filtersSchema = z.object({
	source: z.coerce.number().int().positive().nullable().catch(null),
	addressee: z.string().trim().min(1).max(200).nullable().catch(null),
	area: z.enum(RECOMMENDATION_AREAS).nullable().catch(null),
	priority: z.enum(PRIORITIES).nullable().catch(null),
	status: z.enum(ADOPTION_STATUSES).nullable().catch(null),
	overdue: z.literal('1').nullable().catch(null),
	q: z.string().trim().max(200).catch('')
});

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const p = event.url.searchParams;
	const f = filtersSchema.parse({
		source: p.get('source'),
		addressee: p.get('addressee'),
		area: p.get('area'),
		priority: p.get('priority'),
		status: p.get('status'),
		overdue: p.get('overdue'),
		q: p.get('q') ?? ''
	});
	const filters = {
		sourceId: f.source,
		addressee: f.addressee,
		area: f.area,
		priority: f.priority,
		status: f.status,
		overdue: f.overdue === '1',
		q: f.q
	};
	const db = getDb();
	const [tracker, tags] = await Promise.all([
		loadTracker(db, access.programme, access.viewer, { ...filters, asOf: todayIso() }),
		constituentTags(db, access.programme.id)
	]);
	// Issue 25: the recommendations a constituent took part in (the tracker's own filters narrow the
	// table only, and so does this one; the rates stay over all recommendations).
	const constituent = parseConstituent(p.get('constituent'));
	return {
		tracker: constituent ? { ...tracker, rows: tracker.rows.filter((r) => tags.recommendation.get(r.id)?.includes(constituent)) } : tracker,
		filters: { ...filters, constituent },
		constituents: Object.fromEntries(tags.recommendation),
		can: { edit: access.can('recommendation.edit') }
	};
};
