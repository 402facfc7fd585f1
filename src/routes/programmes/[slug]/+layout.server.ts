import { loadTranslations } from '$lib/server/core/translations';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { translationLocale } from '$lib/server/http/translations';
import type { LayoutServerLoad } from './$types';

// Supplies the programme header and tabs, and the programme's content translations (one
// statement) that every page shows texts with. Pages and actions still call requireProgramme
// themselves: a layout does not run for form actions.
export const load: LayoutServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const locale = translationLocale(access.programme);
	const texts = await loadTranslations(getDb(), access.programme.id, locale);
	return {
		content: { contentLanguage: access.programme.contentLanguage, locale, texts: Object.fromEntries(texts) },
		programme: access.programme,
		role: access.role,
		permissions: {
			viewInternal: access.can('programme.viewInternal'),
			editLogframe: access.can('logframe.edit'),
			recordValues: access.can('value.record')
		}
	};
};
