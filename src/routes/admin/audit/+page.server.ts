import { z } from 'zod';
import { listAuditEntities, searchAudit } from '$lib/server/core/audit';
import { auditNames } from '$lib/server/core/audit-names';
import { listAccounts } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db/connection';
import { requireInstance } from '$lib/server/http/guards';
import { listProgrammes } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

// Search parameters come from the query string; anything unreadable is ignored (no filter).
const id = z.coerce.number().int().positive().nullable().catch(null);
const date = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.nullable()
	.catch(null);
const searchSchema = z.object({
	programme: id,
	entity: z.string().max(60).nullable().catch(null),
	user: id,
	from: date,
	to: date,
	q: z.string().trim().max(200).nullable().catch(null),
	before: id
});

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.viewAudit');
	const q = event.url.searchParams;
	const s = searchSchema.parse({
		programme: q.get('programme') || null,
		entity: q.get('entity') || null,
		user: q.get('user') || null,
		from: q.get('from') || null,
		to: q.get('to') || null,
		q: q.get('q') || null,
		before: q.get('before') || null
	});
	const db = getDb();
	const [result, entities, programmes, accounts] = await Promise.all([
		searchAudit(db, { programmeId: s.programme, entity: s.entity, userId: s.user, from: s.from, to: s.to, text: s.q, beforeId: s.before }),
		listAuditEntities(db),
		listProgrammes(db),
		listAccounts(db)
	]);
	// The records the entries point to, by name (one lookup per kind); people link to their accounts.
	const names = await auditNames(db, result.entries, { linkUsers: true });
	return { ...result, names, search: s, entities, programmes, users: accounts.map((a) => ({ id: a.id, name: a.name })) };
};
