import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A message key declared in two catalogue files makes the merged catalogue type an intersection
// of two different literals, which TypeScript reduces to `never`: every `t(key, params)` in the
// app then fails to type-check at once (129 errors, none near the cause). So: each key once.

describe('the message catalogue', () => {
	it('declares each key in one file only', () => {
		const dir = 'src/lib/i18n/messages';
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const keys = new Set([...readFileSync(join(dir, file), 'utf8').matchAll(/^\s+'([\w.-]+)'\s*:/gm)].map((m) => m[1]!));
			for (const key of keys) {
				const other = seen.get(key);
				if (other) twice.push(`${key}: ${other} and ${file}`);
				else seen.set(key, file);
			}
		}
		expect(seen.size).toBeGreaterThan(1000);
		expect(twice).toEqual([]);
	});
});
