import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { uploadsDir } from '$lib/server/core/attachments';
import { deleteIndicator } from '$lib/server/results/indicators';
import { saveValue, valueSchema } from '$lib/server/results/values';
import type { Db } from '$lib/server/db/connection';
import { inTransaction, onCommit } from '$lib/server/db/executor';
import { DomainValidationError } from '$lib/server/core/errors';
import { createModule } from '$lib/server/programmes/logframe';
import { createRisk } from '$lib/server/risks/risks';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Domain writes join the caller's transaction, so a feature that combines several of them (a report
// issue: lock periods, store files, audit) commits all of them or none.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let actor: { id: number };
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	actor = { id: await userId(db, 'coord.patss@avance.test') };
});

const modules = (code: string) =>
	db.selectFrom('module').select('id').where('programme_id', '=', patss.programme.id).where('code', '=', code).execute();
const auditRows = (entity: string) => db.selectFrom('audit_log').select('id').where('entity', '=', entity).execute();

describe('inTransaction', () => {
	it('rolls back two domain writes together when the second one fails', async () => {
		const auditBefore = (await auditRows('module')).length;
		await expect(
			inTransaction(db, async (trx) => {
				await createModule(trx, actor, patss.programme, { code: 'M9', title: 'Módulo de prueba', objective: '' });
				// A risk whose review date lies outside the programme is refused by the risks domain.
				await createRisk(trx, actor, patss.programme, {
					parent: { kind: 'programme', id: null },
					kind: 'risk',
					code: '',
					title: 'Riesgo de prueba',
					description: '',
					category: 'political',
					mitigation: '',
					contingency: '',
					owner: '',
					status: 'open',
					nextReviewDate: null,
					internalNotes: '',
					indicatorIds: [],
					likelihood: 3,
					impact: 3,
					assessedOn: '1990-01-01'
				});
			})
		).rejects.toBeInstanceOf(DomainValidationError);
		expect(await modules('M9')).toEqual([]);
		expect((await auditRows('module')).length).toBe(auditBefore);
	});

	it('commits both writes when both succeed', async () => {
		await inTransaction(db, async (trx) => {
			await createModule(trx, actor, patss.programme, { code: 'M8', title: 'Uno', objective: '' });
			await createModule(trx, actor, patss.programme, { code: 'M9', title: 'Dos', objective: '' });
		});
		expect(await modules('M8')).toHaveLength(1);
		expect(await modules('M9')).toHaveLength(1);
	});
});

describe('onCommit', () => {
	it('runs only after the outermost transaction commits', async () => {
		const seen: string[] = [];
		await inTransaction(db, async (outer) => {
			await inTransaction(outer, async (inner) => {
				await onCommit(inner, () => {
					seen.push('after commit');
				});
			});
			seen.push('still inside');
		});
		expect(seen).toEqual(['still inside', 'after commit']);
	});

	it('never runs for a transaction that rolls back', async () => {
		let ran = false;
		await expect(
			inTransaction(db, async (trx) => {
				await onCommit(trx, () => {
					ran = true;
				});
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(ran).toBe(false);
	});
});

describe('files beside a transaction', () => {
	it('keeps the evidence files of a deletion that a later step of the same unit rolls back', async () => {
		const indicatorId = patss.indicatorId('5.1-3');
		const pdf = new File([new TextEncoder().encode('%PDF-1.4\n% evidencia\n')], 'e.pdf', { type: 'application/pdf' });
		const input = valueSchema({ measure: 'number', disaggregatedBySex: true }).parse({
			periodId: String(patss.periodId('2022-S1')),
			value: '150',
			women: '80',
			men: '70',
			evidenceFile: pdf
		});
		await saveValue(db, actor, patss.programme, indicatorId, input);
		const attachment = await db
			.selectFrom('attachment')
			.selectAll()
			.where('owner_entity', '=', 'indicator_value')
			.executeTakeFirstOrThrow();
		const file = join(uploadsDir(), attachment.stored_name);
		expect(existsSync(file)).toBe(true);
		const { version } = await db.selectFrom('indicator').select('version').where('id', '=', indicatorId).executeTakeFirstOrThrow();
		await expect(
			inTransaction(db, async (trx) => {
				await deleteIndicator(trx, actor, patss.programme, indicatorId, version);
				throw new Error('a later step of the same unit fails');
			})
		).rejects.toThrow('later step');
		expect(await db.selectFrom('attachment').select('id').where('id', '=', attachment.id).executeTakeFirst()).toBeTruthy();
		expect(existsSync(file)).toBe(true);
		// Deleted for real, the file goes with it.
		await deleteIndicator(db, actor, patss.programme, indicatorId, version);
		expect(existsSync(file)).toBe(false);
	});
});
