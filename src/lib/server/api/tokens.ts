import { sql } from 'kysely';
import { z } from 'zod';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import {
	API_SCOPES,
	MAX_TOKEN_DAYS,
	TOKEN_HINT_LENGTH,
	TOKEN_PREFIX,
	TOKEN_RANDOM_BYTES,
	isTokenShaped,
	tokenState,
	type ApiScope,
	type TokenState
} from '$lib/api-tokens';
import type { Locale } from '$lib/model';
import { recordAudit } from '../core/audit';
import type { Actor } from '../core/actor';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { dateField, idListField, text } from '../core/validation';
import { inTransaction, type Executor } from '../db/executor';
import { listPortfolio } from '../programmes/programmes';

// Personal tokens of the read API (design §2 api_token). The token is shown once, at creation;
// the database keeps only its SHA-256. A token is looked up by that hash: with 256 random bits
// behind it, the hash names the token as well as an id would, and nothing about the secret can
// be learnt from how long the lookup takes.

export interface ApiTokenView {
	id: number;
	name: string;
	hint: string;
	scopes: ApiScope[];
	/** Short names of the programmes it is limited to; null when it reads every programme the user sees. */
	programmes: { id: number; shortName: string }[] | null;
	createdAt: string;
	expiresAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
	state: TokenState;
	version: number;
}

/** Who a request's token reads as, and within what. */
export interface ApiCaller {
	tokenId: number;
	user: { id: number; isAdmin: boolean; locale: Locale };
	scopes: ReadonlySet<ApiScope>;
	/** The programmes the token is limited to, or null for all the user may see. */
	programmeIds: ReadonlySet<number> | null;
}

export function hashToken(token: string): Uint8Array {
	return sha256(new TextEncoder().encode(token));
}

export function generateToken(): string {
	const bytes = new Uint8Array(TOKEN_RANDOM_BYTES);
	crypto.getRandomValues(bytes);
	return TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

const DAY_MS = 24 * 60 * 60 * 1000;

const scopeList = z
	.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.enum(API_SCOPES, { error: 'validation.choice' })).max(20)
	)
	.transform((scopes) => API_SCOPES.filter((s) => scopes.includes(s)))
	.refine((scopes) => scopes.length > 0, { error: 'tokens.scopesRequired' });

export const tokenCreateSchema = z.object({
	name: text(80),
	scopes: scopeList,
	programmeIds: idListField(100),
	expiresOn: dateField()
});
export type TokenInput = z.output<typeof tokenCreateSchema>;

export const tokenRevokeSchema = z.object({
	tokenId: z.coerce.number({ error: 'validation.unknownRecord' }).int().positive(),
	version: z.coerce.number({ error: 'validation.invalid' }).int().positive()
});

/** The last instant of `date` (UTC): a token "until 2027-06-30" works all that day. */
const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

/**
 * Creates a token for `actor` and returns it (the only time it is ever shown). The expiry must be
 * after today and at most a year away; a programme list may only name programmes the user sees.
 */
export async function createApiToken(
	db: Executor,
	actor: Actor & { isAdmin: boolean },
	input: TokenInput,
	now = new Date()
): Promise<{ id: number; token: string }> {
	const today = now.toISOString().slice(0, 10);
	const latest = new Date(now.getTime() + MAX_TOKEN_DAYS * DAY_MS).toISOString().slice(0, 10);
	if (input.expiresOn <= today) throw new DomainValidationError({ expiresOn: { key: 'tokens.expiryPast' } });
	if (input.expiresOn > latest) throw new DomainValidationError({ expiresOn: { key: 'tokens.expiryTooFar', params: { max: latest } } });
	const visible = new Set((await listPortfolio(db, actor)).map((e) => e.programme.id));
	if (input.programmeIds.some((id) => !visible.has(id))) {
		throw new DomainValidationError({ programmeIds: { key: 'tokens.programmeNotVisible' } });
	}
	const token = generateToken();
	return inTransaction(db, async (trx) => {
		const row = await trx
			.insertInto('api_token')
			.values({
				user_id: actor.id,
				name: input.name,
				secret_hash: hashToken(token),
				hint: token.slice(0, TOKEN_HINT_LENGTH),
				scopes: JSON.stringify(input.scopes),
				programme_ids: input.programmeIds.length ? JSON.stringify(input.programmeIds) : null,
				created_at: now.toISOString(),
				expires_at: endOfDay(input.expiresOn)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			entity: 'api_token',
			entityId: row.id,
			action: 'create',
			// Never the token nor its hash: what it is, not how to use it.
			after: {
				name: input.name,
				hint: token.slice(0, TOKEN_HINT_LENGTH),
				scopes: input.scopes,
				programmeIds: input.programmeIds.length ? input.programmeIds : null,
				expiresAt: endOfDay(input.expiresOn)
			}
		});
		return { id: row.id, token };
	});
}

/** Revokes one of `actor`'s own tokens. Someone else's token is "not found", whoever asks. */
export async function revokeApiToken(db: Executor, actor: Actor, tokenId: number, version: number, now = new Date()): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('api_token')
			.select(['id', 'name', 'version', 'revoked_at'])
			.where('id', '=', tokenId)
			.where('user_id', '=', actor.id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('api_token', tokenId);
		if (row.version !== version) throw new ConflictError('api_token', tokenId);
		if (row.revoked_at) return;
		const at = now.toISOString();
		const updated = await trx
			.updateTable('api_token')
			.set({ revoked_at: at, revoked_by: actor.id, version: row.version + 1 })
			.where('id', '=', tokenId)
			.where('version', '=', version)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError('api_token', tokenId);
		await recordAudit(trx, {
			userId: actor.id,
			entity: 'api_token',
			entityId: tokenId,
			action: 'revoke',
			after: { name: row.name, revokedAt: at }
		});
	});
}

const parseIds = (json: string | null): number[] | null => (json === null ? null : (JSON.parse(json) as number[]));
const parseScopes = (json: string): ApiScope[] =>
	(JSON.parse(json) as string[]).filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));

/** The user's tokens, newest first, with the names of the programmes they are limited to. Two statements. */
export async function listApiTokens(db: Executor, userId: number, now = new Date()): Promise<ApiTokenView[]> {
	const [rows, programmes] = await Promise.all([
		db.selectFrom('api_token').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute(),
		db.selectFrom('programme').select(['id', 'short_name']).execute()
	]);
	const shortName = new Map(programmes.map((p) => [p.id, p.short_name]));
	return rows.map((r) => {
		const ids = parseIds(r.programme_ids);
		return {
			id: r.id,
			name: r.name,
			hint: r.hint,
			scopes: parseScopes(r.scopes),
			programmes: ids && ids.filter((id) => shortName.has(id)).map((id) => ({ id, shortName: shortName.get(id)! })),
			createdAt: r.created_at,
			expiresAt: r.expires_at,
			lastUsedAt: r.last_used_at,
			revokedAt: r.revoked_at,
			state: tokenState({ expiresAt: r.expires_at, revokedAt: r.revoked_at }, now),
			version: r.version
		};
	});
}

// ---- authenticating a request ------------------------------------------------------------------

/** Requests a token may make per minute; more are answered 429 until the next minute. */
export const RATE_LIMIT_PER_MINUTE = 120;
const MINUTE_MS = 60 * 1000;

export type Authentication =
	| { ok: true; caller: ApiCaller }
	| { ok: false; reason: 'unauthorized' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * The caller behind a bearer token, counted against the token's rate limit. Unknown, revoked and
 * expired tokens, and tokens of deactivated accounts, are all the same "unauthorized": the answer
 * never tells a guesser which. Two statements: the lookup, and one update that counts the request
 * in the token's current minute and stamps its last use (atomic, so every app process on the
 * database shares the count).
 */
export async function authenticateApiToken(
	db: Executor,
	token: string,
	now = new Date(),
	limit = RATE_LIMIT_PER_MINUTE
): Promise<Authentication> {
	if (!isTokenShaped(token)) return { ok: false, reason: 'unauthorized' };
	const row = await db
		.selectFrom('api_token')
		.innerJoin('user', 'user.id', 'api_token.user_id')
		.select([
			'api_token.id',
			'api_token.scopes',
			'api_token.programme_ids',
			'api_token.expires_at',
			'api_token.revoked_at',
			'user.id as user_id',
			'user.is_admin',
			'user.locale',
			'user.active'
		])
		.where('api_token.secret_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row || row.active !== 1 || tokenState({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now) !== 'active') {
		return { ok: false, reason: 'unauthorized' };
	}
	const windowStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
	const counted = await db
		.updateTable('api_token')
		.set({
			rate_count: sql<number>`case when rate_window_start = ${windowStart} then rate_count + 1 else 1 end`,
			rate_window_start: windowStart,
			last_used_at: now.toISOString()
		})
		.where('id', '=', row.id)
		.returning('rate_count')
		.executeTakeFirstOrThrow();
	if (counted.rate_count > limit) {
		const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(windowStart) + MINUTE_MS - now.getTime()) / 1000));
		return { ok: false, reason: 'rate_limited', retryAfterSeconds };
	}
	const ids = parseIds(row.programme_ids);
	return {
		ok: true,
		caller: {
			tokenId: row.id,
			user: { id: row.user_id, isAdmin: row.is_admin === 1, locale: row.locale },
			scopes: new Set(parseScopes(row.scopes)),
			programmeIds: ids ? new Set(ids) : null
		}
	};
}
