import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Secrets the app must read back (the second factor's TOTP keys) are kept encrypted in the
// database (design §2, totp), so a copy of the database or a backup alone does not give them
// away. AES-256-GCM with a key that lives outside the database: SECRETS_KEY (32 bytes in base64;
// several app processes on several machines must share it), else a key file beside the SQLite
// database (`secrets.key`, made on first use, readable by the app's user only).
// Stored form: version byte 1 · 12-byte IV · 16-byte tag · ciphertext.

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: { source: string; key: Buffer } | null = null;

function keyFilePath(env: Record<string, string | undefined>): string {
	const database = env.DATABASE_PATH?.trim() || './data/avance.db';
	return resolve(dirname(database), 'secrets.key');
}

function loadKey(env: Record<string, string | undefined> = process.env): Buffer {
	const configured = env.SECRETS_KEY?.trim();
	const source = configured ? `env:${configured}` : `file:${keyFilePath(env)}`;
	if (cachedKey?.source === source) return cachedKey.key;
	let key: Buffer;
	if (configured) {
		key = Buffer.from(configured, 'base64');
		if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes written in base64 (openssl rand -base64 32)');
	} else {
		const path = keyFilePath(env);
		try {
			key = readFileSync(path);
		} catch {
			mkdirSync(dirname(path), { recursive: true });
			// 'wx' creates the file only if nobody else has: of two processes starting at once, one key wins.
			try {
				writeFileSync(path, randomBytes(32), { flag: 'wx', mode: 0o600 });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			key = readFileSync(path);
		}
		if (key.length !== 32) throw new Error(`${path} is not a 32-byte key`);
	}
	cachedKey = { source, key };
	return key;
}

export function sealSecret(plain: Uint8Array): Uint8Array {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
}

/** True when `stored` was written by sealSecret (a key from before encryption is the raw 20 bytes). */
export function isSealed(stored: Uint8Array): boolean {
	return stored.length > 1 + IV_BYTES + TAG_BYTES && stored[0] === VERSION;
}

/** The secret sealed in `stored`; a raw key stored before encryption is returned as it is. Throws if the key does not open it. */
export function openSecret(stored: Uint8Array): Uint8Array {
	if (!isSealed(stored)) return stored;
	const buffer = Buffer.from(stored);
	const iv = buffer.subarray(1, 1 + IV_BYTES);
	const tag = buffer.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
	const decipher = createDecipheriv('aes-256-gcm', loadKey(), iv);
	decipher.setAuthTag(tag);
	return new Uint8Array(Buffer.concat([decipher.update(buffer.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]));
}
