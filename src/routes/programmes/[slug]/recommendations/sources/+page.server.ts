import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { NotFoundError } from '$lib/server/core/errors';
import { requireProgramme } from '$lib/server/http/guards';
import {
	createSourceDocument,
	deleteSourceDocument,
	listSourceDocuments,
	sourceDocumentDeleteSchema,
	sourceDocumentEditSchema,
	sourceDocumentSchema,
	updateSourceDocument
} from '$lib/server/recommendations/source-documents';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'recommendation.edit');
	return { sources: await listSourceDocuments(getDb(), programme.id) };
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'recommendation.edit', sourceDocumentSchema, async ({ db, access, data, redirect }) => {
			const id = await createSourceDocument(db, access.user, access.programme, data);
			redirect('created', { hash: `source-${id}` });
		}),
	update: (event) =>
		programmeAction(
			event,
			'recommendation.edit',
			sourceDocumentEditSchema,
			async ({ db, access, data: { id, version, ...input }, redirect }) => {
				await updateSourceDocument(db, access.user, access.programme, id, version, input);
				redirect('saved', { hash: `source-${id}` });
			}
		),
	/** Without `confirm`, answers with what would change; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'recommendation.edit', sourceDocumentDeleteSchema, {
			impact: async ({ db, access, data }) => {
				const source = (await listSourceDocuments(db, access.programme.id)).find((s) => s.id === data.id);
				if (!source) throw new NotFoundError('source_document', data.id);
				return { id: source.id, version: data.version, title: source.title, recommendations: source.recommendations };
			},
			remove: ({ db, access, data }) => deleteSourceDocument(db, access.user, access.programme, data.id, data.version),
			done: ({ redirect }) => redirect('deleted')
		})
} satisfies Actions;
