import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { notifyImportFinished } from '../notifications/events';
import { uploadsDir } from '../core/attachments';
import type { Executor } from '../db/executor';
import { ImportRefusal, sha256Hex, type FileKind } from './import-file';

// Between "check" and "confirm" the uploaded file waits on the server, named by its programme and
// SHA-256 and written atomically (a temporary name, then a rename): confirm re-reads and re-checks
// this copy, never rows the browser sends back. Staged files older than a day are swept.
//
// Each confirmed import is one audit row (entity `value_import` or `logframe_import`, id = the
// file's SHA-256, programme, who, when, what was written): the audit log is already the
// append-only record of every change, it is indexed by (entity, entity_id), and keeping the import
// record there means no second table to keep in step with it. A re-upload of the same bytes finds
// that row and says so.

export type ImportEntity = 'value_import' | 'logframe_import' | 'expenditure_import';

const SHA = /^[0-9a-f]{64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function stagingDir(): string {
	return join(uploadsDir(), 'import-staging');
}

function stagedPath(programmeId: number, sha256: string, kind: FileKind): string {
	if (!SHA.test(sha256) || !Number.isSafeInteger(programmeId)) throw new ImportRefusal('import.stagedGone');
	return join(stagingDir(), `${programmeId}-${sha256}.${kind}`);
}

async function sweep(dir: string) {
	const now = Date.now();
	for (const name of await readdir(dir).catch(() => [] as string[])) {
		const path = join(dir, name);
		const info = await stat(path).catch(() => null);
		if (info && now - info.mtimeMs > DAY_MS) await rm(path, { force: true });
	}
}

export async function stageUpload(programmeId: number, bytes: Buffer, kind: FileKind): Promise<string> {
	const sha256 = sha256Hex(bytes);
	const dir = stagingDir();
	await mkdir(dir, { recursive: true });
	await sweep(dir);
	const target = stagedPath(programmeId, sha256, kind);
	const part = `${target}.${randomBytes(6).toString('hex')}.part`;
	await writeFile(part, bytes, { flag: 'wx' });
	await rename(part, target);
	return sha256;
}

/** The staged copy, checked to still hash to its name; refused when it is gone. */
export async function readStaged(programmeId: number, sha256: string, kind: FileKind): Promise<Buffer> {
	const bytes = await readFile(stagedPath(programmeId, sha256, kind)).catch(() => null);
	if (!bytes || sha256Hex(bytes) !== sha256) throw new ImportRefusal('import.stagedGone');
	return bytes;
}

export async function discardStaged(programmeId: number, sha256: string, kind: FileKind): Promise<void> {
	await rm(stagedPath(programmeId, sha256, kind), { force: true });
}

export interface PriorImport {
	at: string;
	userName: string | null;
}

/** The earlier import of these same bytes into this programme, if any (one statement). */
export async function findImport(db: Executor, programmeId: number, entity: ImportEntity, sha256: string): Promise<PriorImport | null> {
	const row = await db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.user_id')
		.select(['audit_log.at', 'user.name'])
		.where('audit_log.entity', '=', entity)
		.where('audit_log.entity_id', '=', sha256)
		.where('audit_log.programme_id', '=', programmeId)
		.orderBy('audit_log.at')
		.executeTakeFirst();
	return row ? { at: row.at, userName: row.name } : null;
}

/** The import's own audit row, in the transaction that wrote its rows. */
export async function recordImport(
	db: Executor,
	actor: Actor,
	programmeId: number,
	entity: ImportEntity,
	sha256: string,
	after: Record<string, unknown>
): Promise<void> {
	await recordAudit(db, { userId: actor.id, programmeId, entity, entityId: sha256, action: 'import', after: { sha256, ...after } });
	await notifyImportFinished(db, actor.id, programmeId, after);
}
