import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { LogframePreview } from '$lib/server/exchange/import-logframe';
import { actions } from '../../../src/routes/programmes/[slug]/import/+page.server';
import { GET as getLogframeTemplate } from '../../../src/routes/programmes/[slug]/import/logframe-template/+server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { postAs } from '../../helpers/actions';

// Every seeded programme's own logframe, exported as the template and read back unchanged, passes
// the import's check with nothing refused and nothing to change. El Salvador's SV-4 has no end
// target in the seed: the import refused it ("Give the end target") though the row was unchanged.

const ADMIN = 'admin@avance.test';
let db: Db;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

async function template(slug: string): Promise<File> {
	const url = `http://localhost/programmes/${slug}/import/logframe-template`;
	const r = await outcome(async () => call(getLogframeTemplate, makeEvent({ user: await sessionUser(db, ADMIN), params: { slug }, url })));
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return new File([new Uint8Array(await (r.value as Response).arrayBuffer())], 'marco.xlsx');
}

async function check(slug: string, file: File): Promise<LogframePreview> {
	const r = await postAs(db, actions.checkLogframe, ADMIN, {
		params: { slug },
		url: `http://localhost/programmes/${slug}/import?/checkLogframe`,
		route: '/programmes/[slug]/import',
		form: { file }
	});
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('logframe' in r.value)) throw new Error(JSON.stringify(r));
	return (r.value as { logframe: LogframePreview }).logframe;
}

describe('the export → import of an unchanged logframe', () => {
	it('passes for every seeded programme', async () => {
		const slugs = (await db.selectFrom('programme').select('slug').orderBy('slug').execute()).map((p) => p.slug);
		expect(slugs.length).toBe(4);
		for (const slug of slugs) {
			const preview = await check(slug, await template(slug));
			const refused = preview.rows.filter((r) => r.action === 'refused').map((r) => [r.code, r.errors]);
			expect(refused, slug).toEqual([]);
			expect(preview.counts, slug).toMatchObject({ create: 0, update: 0, refused: 0 });
			expect(preview.counts.unchanged, slug).toBeGreaterThan(0);
		}
	}, 120_000);

	it('still asks for the end target of a new figure indicator, and of one that had a target', async () => {
		const sv4 = await db
			.selectFrom('indicator')
			.innerJoin('programme', 'programme.id', 'indicator.programme_id')
			.select(['indicator.target_value', 'indicator.measure'])
			.where('programme.slug', '=', 'el-salvador-pps')
			.where('indicator.code', '=', 'SV-4')
			.executeTakeFirstOrThrow();
		expect(sv4.target_value).toBeNull();
		const { indicatorSchema, indicatorSchemaKeepingBlankTarget } = await import('$lib/server/results/indicators');
		const row = {
			parent: 'programme',
			code: 'X-1',
			title: 'x',
			measure: 'number',
			direction: 'increase',
			aggregation: 'cumulative',
			frequency: 'annual',
			targetValue: ''
		};
		const refused = indicatorSchema.safeParse(row);
		expect(refused.success).toBe(false);
		expect(refused.error?.issues.map((i) => i.message)).toContain('indicator.targetNeeded');
		expect(indicatorSchemaKeepingBlankTarget.safeParse(row).error?.issues.map((i) => i.message) ?? []).not.toContain(
			'indicator.targetNeeded'
		);
	});
});
