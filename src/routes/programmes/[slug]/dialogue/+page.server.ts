import { CONSTITUENTS, type Constituent } from '$lib/constituents';
import { localizeField } from '$lib/content-language';
import { loadTranslations } from '$lib/server/core/translations';
import { getDb } from '$lib/server/db/connection';
import { createDialogueEvent, dialogueEventSchema, listDialogueEvents } from '$lib/server/dialogue/events';
import { constituentTags, constituentTagSchema, setConstituents } from '$lib/server/dialogue/tags';
import { programmeAction } from '$lib/server/http/actions';
import { requireProgramme } from '$lib/server/http/guards';
import { getLogframe } from '$lib/server/programmes/programmes';
import { loadTracker } from '$lib/server/recommendations/tracker';
import type { Actions, PageServerLoad } from './$types';

// Social-dialogue events of the programme, and who of the constituents took part in its
// activities, outputs and recommendations (issue 25). Everyone who sees the programme reads it;
// coordinators record events and set the constituents.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const raw = event.url.searchParams.get('constituent');
	const constituent = (CONSTITUENTS as readonly string[]).includes(raw ?? '') ? (raw as Constituent) : null;
	const [events, tags, logframe, tracker, translations] = await Promise.all([
		listDialogueEvents(db, access.programme.id),
		constituentTags(db, access.programme.id),
		getLogframe(db, access.programme.id),
		loadTracker(db, access.programme, access.viewer),
		loadTranslations(db, access.programme.id, event.locals.locale)
	]);
	// Each record's title in the reader's language, or the original marked as a fallback.
	const text = (entity: 'output' | 'activity' | 'recommendation', id: number, original: string) =>
		localizeField(translations, access.programme.contentLanguage, event.locals.locale, {
			entity,
			id,
			field: entity === 'recommendation' ? 'text' : 'title',
			original
		});
	const shown = constituent ? events.filter((e) => e.parties.some((p) => p.constituent === constituent)) : events;
	const records = [
		...logframe.flatMap((m) =>
			m.outputs.flatMap((o) => [
				{
					entity: 'output' as const,
					id: o.id,
					code: o.code,
					title: text('output', o.id, o.title),
					constituents: tags.output.get(o.id) ?? []
				},
				...o.activities.map((a) => ({
					entity: 'activity' as const,
					id: a.id,
					code: a.code,
					title: text('activity', a.id, a.title),
					constituents: tags.activity.get(a.id) ?? []
				}))
			])
		),
		...tracker.rows.map((r) => ({
			entity: 'recommendation' as const,
			id: r.id,
			code: r.code,
			title: text('recommendation', r.id, r.text),
			constituents: tags.recommendation.get(r.id) ?? []
		}))
	];
	return {
		events: shown,
		constituent,
		records: constituent ? records.filter((r) => r.constituents.includes(constituent)) : records,
		allRecords: records,
		canEdit: access.can('logframe.edit')
	};
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'logframe.edit', dialogueEventSchema, async ({ db, access, data, redirect }) => {
			await createDialogueEvent(db, access.user, access.programme, data);
			redirect('created', { hash: 'events' });
		}),
	tag: (event) =>
		programmeAction(event, 'logframe.edit', constituentTagSchema, async ({ db, access, data, redirect }) => {
			await setConstituents(db, access.user, access.programme, data.entity, data.entityId, data.constituents);
			redirect('saved', { hash: 'tags' });
		})
} satisfies Actions;
