import type { Executor } from '../db/executor';

/** How many indicators the programme has (the set-up checklist's "logframe" step): one statement. */
export async function countIndicators(db: Executor, programmeId: number): Promise<number> {
	const row = await db
		.selectFrom('indicator')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('programme_id', '=', programmeId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
