import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// One home per rule (issue 26 item 2): a rule written out a second time drifts from the first (the
// dashboard counted high risks by band, the report by score; two clocks for the time elapsed).
// Each rule below has one home; the test reads the source and fails on a second copy, naming it,
// so the next change calls the home instead of writing the rule again.

const SRC = 'src';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

const sources = files(SRC).map((path) => ({ path: relative('.', path), text: readFileSync(path, 'utf8') }));

interface Rule {
	name: string;
	home: string;
	/** What a copy of the rule looks like in the source. */
	copy: RegExp;
}

const RULES: Rule[] = [
	{
		name: 'the other language',
		home: 'src/lib/content-language.ts',
		copy: /===\s*'es'\s*\?\s*'en'\s*:\s*'es'|===\s*'en'\s*\?\s*'es'\s*:\s*'en'/
	},
	{
		name: 'a title in the reader’s language, else the other one',
		home: 'src/lib/content-language.ts',
		copy: /title(\[[^\]]+\]|\.es|\.en|_es|_en)\s*(\|\||\?\?)\s*[\w.]*title/
	},
	{ name: 'the time elapsed', home: 'src/lib/programme-time.ts', copy: /function timeElapsed\b/ },
	{
		name: 'the open value states',
		home: 'src/lib/model.ts',
		copy: /'draft',\s*'submitted',\s*'returned'/
	},
	{
		name: 'an open high risk',
		home: 'src/lib/risk-rules.ts',
		copy: /BAND_FLOOR\.high|band === 'high' \|\| \w+\.band === 'critical'/
	},
	{
		name: 'the per-programme grants and viewer',
		home: 'src/lib/server/core/programme-grant.ts',
		copy: /roles:\s*role\s*\?|internal:\s*(\w+\.)?(can|allowed)\(/
	},
	{ name: 'Avance’s public address', home: 'src/lib/server/core/public-origin.ts', copy: /function publicOrigin\b|env\.ORIGIN\b/ }
];

describe('one home per rule', () => {
	for (const rule of RULES) {
		it(`${rule.name} is written only in ${rule.home}`, () => {
			const home = sources.find((s) => s.path === rule.home);
			expect(home, `${rule.home} exists`).toBeDefined();
			expect(rule.copy.test(home!.text), `the rule is in ${rule.home}`).toBe(true);
			const copies = sources
				.filter((s) => s.path !== rule.home)
				.flatMap((s) =>
					s.text
						.split('\n')
						.map((line, i) => ({ line, at: `${s.path}:${i + 1}` }))
						.filter(({ line }) => rule.copy.test(line))
						.map(({ at, line }) => `${at}: ${line.trim()}`)
				);
			expect(copies).toEqual([]);
		});
	}
});
