import { translationKey, type TranslatableEntity, type TranslatableField, type TranslationMap } from '$lib/content-language';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';
import { recordAudit } from './audit';
import type { Actor } from './actor';

// Reads and writes of content translations (design §2). Reads take a whole programme in one
// statement, so a page, report or export costs the same whatever its size. Writes happen inside the
// transaction of the record they translate, whose version check already guards the form.

/** Every translation of the programme into `locale`, keyed by translationKey(entity, id, field). */
export async function loadTranslations(db: Executor, programmeId: number, locale: Locale): Promise<TranslationMap> {
	const rows = await db
		.selectFrom('translation')
		.select(['entity', 'entity_id', 'field', 'text'])
		.where('programme_id', '=', programmeId)
		.where('locale', '=', locale)
		.execute();
	return new Map(rows.map((r) => [translationKey(r.entity, r.entity_id, r.field), r.text]));
}

/** Both languages at once (a report issued in es and en prints each from the same snapshot). */
export async function loadAllTranslations(db: Executor, programmeId: number): Promise<Record<Locale, TranslationMap>> {
	const rows = await db
		.selectFrom('translation')
		.select(['entity', 'entity_id', 'field', 'locale', 'text'])
		.where('programme_id', '=', programmeId)
		.execute();
	const maps: Record<Locale, Map<string, string>> = { es: new Map(), en: new Map() };
	for (const r of rows) maps[r.locale].set(translationKey(r.entity, r.entity_id, r.field), r.text);
	return maps;
}

/** The translations of one record into one locale, by field (for its edit form). */
export async function recordTranslations(
	db: Executor,
	entity: TranslatableEntity,
	entityId: number,
	locale: Locale
): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('translation')
		.select(['field', 'text'])
		.where('entity', '=', entity)
		.where('entity_id', '=', entityId)
		.where('locale', '=', locale)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.field, r.text]));
}

/**
 * Sets the record's texts in `locale`: a non-empty text is written, an empty one removes the
 * translation. Only fields that change are written and audited. The caller has checked that the
 * record belongs to `programmeId` and runs this in the record's own transaction. Returns the fields
 * that changed (a validated record whose translation changes goes back to review).
 */
export async function saveTranslations<E extends TranslatableEntity>(
	db: Executor,
	actor: Actor,
	target: { programmeId: number; entity: E; entityId: number; locale: Locale },
	texts: Partial<Record<TranslatableField<E>, string>>
): Promise<string[]> {
	const current = await recordTranslations(db, target.entity, target.entityId, target.locale);
	const changed: string[] = [];
	for (const [field, raw] of Object.entries(texts) as [string, string | undefined][]) {
		if (raw === undefined) continue;
		const text = raw.trim();
		const before = current[field];
		if ((before ?? '') === text) continue;
		changed.push(field);
		if (text === '') {
			await db
				.deleteFrom('translation')
				.where('entity', '=', target.entity)
				.where('entity_id', '=', target.entityId)
				.where('field', '=', field)
				.where('locale', '=', target.locale)
				.execute();
		} else if (before === undefined) {
			await db
				.insertInto('translation')
				.values({
					programme_id: target.programmeId,
					entity: target.entity,
					entity_id: target.entityId,
					field,
					locale: target.locale,
					text,
					updated_by: actor.id
				})
				.execute();
		} else {
			await db
				.updateTable('translation')
				.set((eb) => ({ text, updated_by: actor.id, updated_at: new Date().toISOString(), version: eb('version', '+', 1) }))
				.where('entity', '=', target.entity)
				.where('entity_id', '=', target.entityId)
				.where('field', '=', field)
				.where('locale', '=', target.locale)
				.execute();
		}
		await recordAudit(db, {
			userId: actor.id,
			programmeId: target.programmeId,
			entity: target.entity,
			entityId: target.entityId,
			action: 'translate',
			before: before === undefined ? null : { [`${field}_${target.locale}`]: before },
			after: text === '' ? null : { [`${field}_${target.locale}`]: text }
		});
	}
	return changed;
}

/**
 * Removes every translation of a record being deleted (the table has no foreign key to the many
 * kinds it translates), in the deletion's transaction. Returns the texts that went, keyed as the
 * audit log keys translations (`title_en`), for the deletion's audit record. Two statements.
 */
export async function dropTranslations(db: Executor, entity: TranslatableEntity, entityId: number): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('translation')
		.select(['field', 'locale', 'text'])
		.where('entity', '=', entity)
		.where('entity_id', '=', entityId)
		.orderBy('field')
		.orderBy('locale')
		.execute();
	if (rows.length) await db.deleteFrom('translation').where('entity', '=', entity).where('entity_id', '=', entityId).execute();
	return Object.fromEntries(rows.map((r) => [`${r.field}_${r.locale}`, r.text]));
}
