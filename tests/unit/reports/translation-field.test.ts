import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translationFieldLabel } from '$lib/reports/translation-field';

// The "texts without a translation" list names each text's field in words, never a raw message
// key such as "reports.field.body" (review 4, F13).

describe('the field a missing translation is named by', () => {
	it('has a label of its own for compound and plain fields, and "text" otherwise', () => {
		expect(translationFieldLabel('body')).toBe('reports.field.body');
		expect(translationFieldLabel('donor.targetGroups')).toBe('donorDoc.fact.targetGroups');
		expect(translationFieldLabel('key_action.2')).toBe('reports.field.action');
		expect(translationFieldLabel('no_such_field')).toBe('reports.field.text');
	});

	it('labels every field the report composer tags a translated text with', () => {
		const dir = 'src/lib/reports';
		const fields = new Set<string>();
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const source = readFileSync(join(dir, file), 'utf8');
			for (const m of source.matchAll(/\bloc(?:Ref)?\([^;]*?'([A-Za-z_]+)'\)/g)) fields.add(m[1]!);
		}
		expect(fields.size).toBeGreaterThan(5);
		for (const field of fields) expect(translationFieldLabel(field), field).toBe(`reports.field.${field}`);
	});
});
