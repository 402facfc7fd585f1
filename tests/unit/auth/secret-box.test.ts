import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret } from '$lib/server/auth/secret-box';

// The sealing of stored secrets (TOTP keys): AES-256-GCM under a key kept outside the database.

const saved = { SECRETS_KEY: process.env.SECRETS_KEY, DATABASE_PATH: process.env.DATABASE_PATH };
afterEach(() => {
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
});

describe('secret box', () => {
	it('seals and opens a secret under SECRETS_KEY, a fresh IV each time', () => {
		process.env.SECRETS_KEY = randomBytes(32).toString('base64');
		const secret = new Uint8Array(randomBytes(20));
		const a = sealSecret(secret);
		const b = sealSecret(secret);
		expect(isSealed(a)).toBe(true);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
		expect(Buffer.from(openSecret(a)).equals(Buffer.from(secret))).toBe(true);
		expect(Buffer.from(a).includes(Buffer.from(secret))).toBe(false);
	});

	it('refuses a sealed secret that was altered, or opened with another key', () => {
		process.env.SECRETS_KEY = randomBytes(32).toString('base64');
		const sealed = sealSecret(new Uint8Array(randomBytes(20)));
		const altered = new Uint8Array(sealed);
		altered[altered.length - 1] = altered[altered.length - 1]! ^ 1;
		expect(() => openSecret(altered)).toThrow();
		process.env.SECRETS_KEY = randomBytes(32).toString('base64');
		expect(() => openSecret(sealed)).toThrow();
	});

	it('reads a key stored before sealing as it is', () => {
		const raw = new Uint8Array(randomBytes(20));
		expect(isSealed(raw)).toBe(false);
		expect(openSecret(raw)).toBe(raw);
	});

	it('without SECRETS_KEY, makes one key file beside the database, readable by the app only, and keeps using it', () => {
		delete process.env.SECRETS_KEY;
		const folder = mkdtempSync(join(tmpdir(), 'avance-secrets-'));
		process.env.DATABASE_PATH = join(folder, 'avance.db');
		const sealed = sealSecret(new Uint8Array([1, 2, 3]));
		const keyFile = join(folder, 'secrets.key');
		expect(readFileSync(keyFile)).toHaveLength(32);
		expect(statSync(keyFile).mode & 0o077).toBe(0);
		expect([...openSecret(sealed)]).toEqual([1, 2, 3]);
	});

	it('refuses a SECRETS_KEY of the wrong length with the way to make one', () => {
		process.env.SECRETS_KEY = Buffer.from('short').toString('base64');
		expect(() => sealSecret(new Uint8Array([1]))).toThrow(/openssl rand -base64 32/);
	});
});
