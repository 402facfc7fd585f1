import { z } from 'zod';

// Cursor pagination for the read API. Lists are in ascending id order and a cursor says "after
// this id" for one resource; it is opaque to clients (base64url JSON) and checked on the way in,
// so a tampered, truncated or borrowed cursor is a 400, never a 500 or another list's page.

const payload = z
	.object({ v: z.literal(1), r: z.string().min(1).max(40), a: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
	.strict();

export const MAX_CURSOR_LENGTH = 200;

export function encodeCursor(resource: string, afterId: number): string {
	return Buffer.from(JSON.stringify({ v: 1, r: resource, a: afterId }), 'utf8').toString('base64url');
}

/** The id a cursor for `resource` points after, or null when the cursor is not one of ours. */
export function decodeCursor(resource: string, cursor: string): number | null {
	if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
	let json: unknown;
	try {
		json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	const parsed = payload.safeParse(json);
	if (!parsed.success || parsed.data.r !== resource) return null;
	return parsed.data.a;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
	afterId: number | null;
	limit: number;
}

export interface Page<T> {
	items: T[];
	/** The cursor of the next page, or null on the last one. */
	nextCursor: string | null;
}

/** One page of `items` (any order in; ascending id out). */
export function paginate<T extends { id: number }>(resource: string, items: readonly T[], page: PageRequest): Page<T> {
	const sorted = [...items].sort((a, b) => a.id - b.id);
	const rest = page.afterId === null ? sorted : sorted.filter((item) => item.id > page.afterId!);
	const slice = rest.slice(0, page.limit);
	const more = rest.length > page.limit;
	return { items: slice, nextCursor: more && slice.length ? encodeCursor(resource, slice.at(-1)!.id) : null };
}
