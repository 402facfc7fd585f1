import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { onCommit, type Executor } from '../db/executor';
import { databasePath, type Db } from '../db/connection';
import { DomainValidationError } from './errors';

// Evidence files. Stored under the data folder (never under static/), named by a random id, and
// served only through a route that checks the reader may see the record the file belongs to.
// The type is read from the file's first bytes, not from what the browser claims.
//
// A file and its row must appear together, even if the process dies half-way. The file is
// written under a temporary name (`<name>.part`) before the transaction, and moved to its name
// only once the transaction that records its row has committed (onCommit). A crash before the
// commit leaves a `.part` with no row; a crash between commit and move leaves a `.part` whose row
// exists. The start-up sweep (sweepUploads) removes the first and finishes the move of the second,
// so every file under its name has a row, and every row's file is whole.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function uploadsDir(): string {
	return process.env.UPLOADS_PATH || join(dirname(databasePath()), 'uploads');
}

interface Kind {
	contentType: string;
	extensions: string[];
	/** Shown in the browser (PDF, images); everything else downloads. */
	inline: boolean;
}

const ZIP_KINDS: Record<string, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation'
};
const OLE_KINDS: Record<string, string> = {
	doc: 'application/msword',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint'
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

/** What the file really is, judged by its content and confirmed by its extension; null if not accepted. */
export function detectFileType(bytes: Uint8Array, fileName: string): Kind | null {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
		return ext === 'pdf' ? { contentType: 'application/pdf', extensions: ['pdf'], inline: true } : null;
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]))
		return ext === 'png' ? { contentType: 'image/png', extensions: ['png'], inline: true } : null;
	if (startsWith(bytes, [0xff, 0xd8, 0xff]))
		return ['jpg', 'jpeg'].includes(ext) ? { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true } : null;
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]))
		return ext === 'gif' ? { contentType: 'image/gif', extensions: ['gif'], inline: true } : null;
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
		return ext === 'webp' ? { contentType: 'image/webp', extensions: ['webp'], inline: true } : null;
	}
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && ZIP_KINDS[ext])
		return { contentType: ZIP_KINDS[ext], extensions: [ext], inline: false };
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && OLE_KINDS[ext]) {
		return { contentType: OLE_KINDS[ext], extensions: [ext], inline: false };
	}
	if (ext === 'csv' && isPlainText(bytes)) return { contentType: 'text/csv; charset=utf-8', extensions: ['csv'], inline: false };
	return null;
}

function isPlainText(bytes: Uint8Array): boolean {
	const sample = bytes.subarray(0, 4096);
	return !sample.includes(0) && new TextDecoder('utf-8', { fatal: false }).decode(sample).length > 0;
}

export interface StoredUpload {
	storedName: string;
	originalName: string;
	contentType: string;
	size: number;
	sha256: string;
}

const PART = '.part';
const exists = (path: string) =>
	stat(path).then(
		() => true,
		() => false
	);
const partPath = (storedName: string) => join(uploadsDir(), storedName + PART);
/** Uploads whose transaction committed: their file is in place (or the sweep will put it there). */
const committed = new WeakSet<StoredUpload>();

/**
 * Checks an uploaded file and writes it under its temporary name; recordAttachment moves it into
 * place once its row has committed. `field` is the form field that gets the message.
 */
export async function storeUpload(file: File, field: string): Promise<StoredUpload> {
	if (file.size === 0) throw new DomainValidationError({ [field]: { key: 'file.empty' } });
	if (file.size > MAX_UPLOAD_BYTES) throw new DomainValidationError({ [field]: { key: 'file.tooLarge' } });
	const bytes = new Uint8Array(await file.arrayBuffer());
	const kind = detectFileType(bytes, file.name);
	if (!kind) throw new DomainValidationError({ [field]: { key: 'file.badType' } });
	const storedName = `${randomBytes(16).toString('hex')}.${file.name.toLowerCase().split('.').pop()}`;
	await mkdir(uploadsDir(), { recursive: true });
	await writeFile(partPath(storedName), bytes, { flag: 'wx' });
	return {
		storedName,
		originalName: file.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200),
		contentType: kind.contentType,
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex')
	};
}

/** Removes an upload whose row was never committed (the transaction failed or was refused). */
export async function discardUpload(upload: StoredUpload | null): Promise<void> {
	if (upload && !committed.has(upload)) await rm(partPath(upload.storedName), { force: true });
}

/** Moves a committed upload to its name. A failure here loses nothing: the sweep retries it. */
async function moveIntoPlace(upload: StoredUpload): Promise<void> {
	committed.add(upload);
	const target = join(uploadsDir(), upload.storedName);
	try {
		await rename(partPath(upload.storedName), target);
	} catch (error) {
		// Another process's sweep may have moved it already.
		if (await exists(target)) return;
		console.error(`evidence file ${upload.storedName} stays as ${PART} until the next start-up sweep:`, error);
	}
}

export async function recordAttachment(
	db: Executor,
	owner: { programmeId: number; entity: string; id: number },
	upload: StoredUpload,
	userId: number
): Promise<number> {
	const { id } = await db
		.insertInto('attachment')
		.values({
			programme_id: owner.programmeId,
			owner_entity: owner.entity,
			owner_id: owner.id,
			original_name: upload.originalName,
			stored_name: upload.storedName,
			content_type: upload.contentType,
			size_bytes: upload.size,
			sha256: upload.sha256,
			uploaded_by: userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await onCommit(db, () => moveIntoPlace(upload));
	return id;
}

/** Rowless `.part` files younger than this may be uploads another process is about to commit. */
export const PART_GRACE_MS = 2 * 60 * 1000;
const ORPHANED = 'orphaned';
const STORED_NAME = /^[0-9a-f]{32}\.[a-z0-9]+(\.part)?$/;

/**
 * Makes the uploads folder agree with the attachment rows after a crash (run at start-up):
 * a `.part` whose row exists is moved into place; one with no row is removed once it is older
 * than PART_GRACE_MS; a file under its name with no row (its record deleted by a transaction
 * whose file removal never ran, or a database restored from an older backup) is moved to
 * `orphaned/` rather than deleted, since it was evidence someone once saved.
 */
export async function sweepUploads(db: Db, now = Date.now()): Promise<{ moved: number; removed: number; setAside: number }> {
	const dir = uploadsDir();
	const done = { moved: 0, removed: 0, setAside: 0 };
	let names: string[];
	try {
		// Only names storeUpload gives (anything else in the folder is not ours to judge).
		names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && STORED_NAME.test(e.name)).map((e) => e.name);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return done;
		throw error;
	}
	const finalName = (name: string) => (name.endsWith(PART) ? name.slice(0, -PART.length) : name);
	const withRows = new Set<string>();
	const wanted = [...new Set(names.map(finalName))];
	for (let i = 0; i < wanted.length; i += 500) {
		const rows = await db
			.selectFrom('attachment')
			.select('stored_name')
			.where('stored_name', 'in', wanted.slice(i, i + 500))
			.execute();
		for (const r of rows) withRows.add(r.stored_name);
	}
	for (const name of names) {
		const path = join(dir, name);
		const target = finalName(name);
		try {
			if (name.endsWith(PART)) {
				if (withRows.has(target)) {
					if (await exists(join(dir, target))) await rm(path, { force: true });
					else await rename(path, join(dir, target));
					done.moved++;
				} else if (now - (await stat(path)).mtimeMs >= PART_GRACE_MS) {
					await rm(path, { force: true });
					done.removed++;
				}
			} else if (!withRows.has(name)) {
				await mkdir(join(dir, ORPHANED), { recursive: true });
				await rename(path, join(dir, ORPHANED, name));
				done.setAside++;
			}
		} catch (error) {
			// Moved or removed meanwhile by the process that owns it: nothing left to do.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
	return done;
}

/**
 * The sweep at start-up, and once more when the grace period is over, for the `.part` files a
 * crash just before this start left behind (too young to remove the first time).
 */
export async function sweepUploadsAtStart(db: Db): Promise<void> {
	report(await sweepUploads(db));
	setTimeout(() => {
		sweepUploads(db).then(report, (error) => console.error('evidence sweep failed:', error));
	}, PART_GRACE_MS).unref();
}

function report({ moved, removed, setAside }: { moved: number; removed: number; setAside: number }) {
	if (moved + removed + setAside === 0) return;
	console.log(
		`evidence files: ${moved} moved into place, ${removed} unfinished removed, ${setAside} without a record set aside in ${join(uploadsDir(), ORPHANED)}`
	);
}

export interface Attachment {
	id: number;
	ownerEntity: string;
	ownerId: number;
	name: string;
	contentType: string;
	size: number;
}

export async function listAttachments(db: Executor, ownerEntity: string, ownerIds: number[]): Promise<Attachment[]> {
	if (ownerIds.length === 0) return [];
	const rows = await db
		.selectFrom('attachment')
		.select(['id', 'owner_entity', 'owner_id', 'original_name', 'content_type', 'size_bytes'])
		.where('owner_entity', '=', ownerEntity)
		.where('owner_id', 'in', ownerIds)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		ownerEntity: r.owner_entity,
		ownerId: r.owner_id,
		name: r.original_name,
		contentType: r.content_type,
		size: r.size_bytes
	}));
}

/**
 * Whether a donor may see the record a file belongs to. Each kind of owner answers for itself;
 * anything not listed here is internal.
 */
const VISIBLE_TO_DONORS: Record<string, (db: Executor, ownerId: number) => Promise<boolean>> = {
	indicator_value: async (db, id) =>
		!!(await db.selectFrom('indicator_value').select('id').where('id', '=', id).where('status', '=', 'approved').executeTakeFirst()),
	// The evidence of an adoption step is part of the timeline donors see (its note is not).
	adoption_event: async (db, id) => !!(await db.selectFrom('adoption_event').select('id').where('id', '=', id).executeTakeFirst())
};

/** A committed file, also in the moment between its commit and its move into place. */
async function readStored(storedName: string): Promise<Buffer> {
	try {
		return await readFile(join(uploadsDir(), storedName));
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
		return readFile(partPath(storedName));
	}
}

export async function openAttachment(
	db: Executor,
	programmeId: number,
	id: number,
	viewer: { internal: boolean }
): Promise<{ body: Buffer; name: string; contentType: string; inline: boolean } | null> {
	const row = await db.selectFrom('attachment').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) return null;
	if (!viewer.internal) {
		const check = VISIBLE_TO_DONORS[row.owner_entity];
		if (!check || !(await check(db, row.owner_id))) return null;
	}
	let body: Buffer;
	try {
		body = await readStored(row.stored_name);
	} catch (e) {
		// A row whose file is gone (restored database, cleaned disk) is a missing file, not a crash.
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
	const inline = row.content_type === 'application/pdf' || row.content_type.startsWith('image/');
	return { body, name: row.original_name, contentType: row.content_type, inline };
}
