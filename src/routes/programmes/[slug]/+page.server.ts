import { getDb } from '$lib/server/db/connection';
import { loadGenderCheck } from '$lib/server/gender/strategy';
import { requireProgramme } from '$lib/server/http/guards';
import { getLogframe, listPeriods } from '$lib/server/programmes/programmes';
import { listRisksNeedingReview } from '$lib/server/risks/register';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const { programme } = access;
	const db = getDb();
	const [logframe, periods, reviewNeeded, genderCheck] = await Promise.all([
		getLogframe(db, programme.id),
		listPeriods(db, programme.id),
		listRisksNeedingReview(db, programme, access.viewer),
		loadGenderCheck(db, programme, access.viewer)
	]);
	// The overview needs only what the flags say, not each entry's whole record.
	return {
		logframe,
		periods,
		reviewNeeded: reviewNeeded.map((r) => ({
			id: r.id,
			code: r.code,
			title: r.title,
			kind: r.kind,
			band: r.band,
			score: r.score,
			nextReviewDate: r.nextReviewDate,
			flag: r.reviewNeeded!
		})),
		genderCheck
	};
};
