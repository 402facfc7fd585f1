import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { MANAGEMENT_RESPONSES, type Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError } from '../core/errors';
import { recommendationIn } from './recommendations';
import { saveTranslations } from '../core/translations';
import { enumField, optionalMultilineText, translationText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { type Executor, inTransaction } from '../db/executor';
import { translationLanguage } from '$lib/content-language';

// The management response to an evaluation recommendation (design §2): accepted, partially
// accepted or rejected, with its text; accepting in part or rejecting must be justified.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const responseSchema = z
	.object({
		managementResponse: z.preprocess(blankToUndefined, enumField(MANAGEMENT_RESPONSES).optional()).transform((v) => v ?? null),
		managementResponseText: optionalMultilineText(4000),
		/** The response's text in the other language (issue 21): the donor reports print it in theirs. */
		managementResponseTextTranslation: translationText(4000, true),
		version: versionField()
	})
	.superRefine((v, ctx) => {
		// Accepting may go without comment; accepting in part or rejecting must say why.
		if ((v.managementResponse === 'partially_accepted' || v.managementResponse === 'rejected') && !v.managementResponseText) {
			ctx.addIssue({ code: 'custom', path: ['managementResponseText'], message: 'recommendations.justificationRequired' });
		}
		if (!v.managementResponse && v.managementResponseText) {
			ctx.addIssue({ code: 'custom', path: ['managementResponse'], message: 'recommendations.responseNeeded' });
		}
	});
export type ResponseInput = z.output<typeof responseSchema>;

const EVALUATION_KINDS = ['midterm_evaluation', 'final_evaluation'];

/** The management response is given to evaluation recommendations only. */
export async function setManagementResponse(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	input: ResponseInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await recommendationIn(trx, programme.id, id);
		if (row.version !== input.version) throw new ConflictError('recommendation', id);
		if (input.managementResponse) {
			const source = row.source_document_id
				? await trx.selectFrom('source_document').select('kind').where('id', '=', row.source_document_id).executeTakeFirst()
				: undefined;
			if (!source || !EVALUATION_KINDS.includes(source.kind)) {
				throw new DomainValidationError({ managementResponse: { key: 'recommendations.responseOnlyForEvaluations' } });
			}
		}
		const result = await trx
			.updateTable('recommendation')
			.set({
				management_response: input.managementResponse,
				management_response_text: input.managementResponseText,
				// Someone has now stated the response: it is no longer the seed's inference.
				response_is_illustrative: 0,
				updated_at: new Date().toISOString(),
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', input.version)
			.executeTakeFirst();
		assertSaved(result, 'recommendation', id);
		// Saved (and audited) as a translation, like every content text's other language.
		const locale = translationLanguage(programme);
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'recommendation', entityId: id, locale },
			{ management_response_text: input.managementResponseTextTranslation }
		);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'recommendation',
			entityId: id,
			action: 'respond',
			before: { managementResponse: row.management_response, managementResponseText: row.management_response_text },
			after: { managementResponse: input.managementResponse, managementResponseText: input.managementResponseText }
		});
	});
}
