import { z } from 'zod';
import { type TranslatableEntity, type TranslatableField, translationLanguage } from '$lib/content-language';
import type { Locale, Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { saveTranslations } from '../core/translations';
import { translationText } from '../core/validation';
import { inTransaction, type Executor } from '../db/executor';

// A record's write and the translation of its texts, posted together from one form, commit
// together: the record's own version check guards both, and a refused write keeps neither.

/** The language translations of the programme's texts are written in. */
export const translationLocale = (programme: Pick<Programme, 'contentLanguage'>): Locale => translationLanguage(programme);

/**
 * Runs `write` (which creates or updates the record and returns its id) and saves the texts in
 * the other language in the same transaction.
 */
export async function writeTranslated<E extends TranslatableEntity>(
	db: Executor,
	actor: Actor,
	programme: Pick<Programme, 'id' | 'contentLanguage'>,
	entity: E,
	texts: Partial<Record<TranslatableField<E>, string>>,
	write: (trx: Executor) => Promise<number>
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const entityId = await write(trx);
		await saveTranslations(trx, actor, { programmeId: programme.id, entity, entityId, locale: translationLocale(programme) }, texts);
		return entityId;
	});
}

/** As writeTranslated, for a programme's own texts (the programme is the record written). */
export async function writeProgrammeTranslated(
	db: Executor,
	actor: Actor,
	contentLanguage: Locale,
	texts: Partial<Record<TranslatableField<'programme'>, string>>,
	write: (trx: Executor) => Promise<number>
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const id = await write(trx);
		const locale = translationLocale({ contentLanguage });
		await saveTranslations(trx, actor, { programmeId: id, entity: 'programme', entityId: id, locale }, texts);
		return id;
	});
}

// The translation fields each form posts beside its originals, bounded like the originals.
export const indicatorTexts = z.object({
	titleTranslation: translationText(500),
	definitionTranslation: translationText(4000, true),
	unitTranslation: translationText(60)
});
export const riskTexts = { titleTranslation: translationText(300), descriptionTranslation: translationText(4000, true) };
export const genderActionTexts = { titleTranslation: translationText(300), descriptionTranslation: translationText(4000, true) };
export const recommendationTexts = { textTranslation: translationText(4000, true), addressedToTranslation: translationText(200) };
export const keyActionTexts = { actionTranslation: translationText(1000, true) };
export const programmeTexts = {
	titleTranslation: translationText(400),
	summaryTranslation: translationText(4000, true),
	donorTranslation: translationText(200),
	partnersTranslation: translationText(400)
};

/** A budget line's title in the other language (issue 20). */
export const budgetLineTexts = { titleTranslation: translationText(300) };
