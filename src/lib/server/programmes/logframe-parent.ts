import { z } from 'zod';
import type { Executor } from '../db/executor';
import { DomainValidationError } from '../core/errors';

// Where a record hangs in the logframe: the programme itself, a module, an output or an activity.
// Indicators hang on the first three, risks on all four. One form field and one resolver for both.

export type ParentKind = 'programme' | 'module' | 'output' | 'activity';
export interface ParentChoice<K extends ParentKind = ParentKind> {
	kind: K;
	id: number | null;
}

/** `programme`, `module:<id>`, `output:<id>` (and `activity:<id>` when allowed), as the select sends it. */
export const logframeParentField = <const K extends ParentKind>(kinds: readonly K[]) => {
	const levels = kinds.filter((k) => k !== 'programme').join('|');
	const pattern = new RegExp(`^(programme|(${levels}):\\d+)$`);
	return z
		.string({ error: 'validation.required' })
		.regex(pattern, { error: 'validation.choice' })
		.transform((v): ParentChoice<K> => {
			const [kind, id] = v.split(':');
			return { kind: kind as K, id: id ? Number(id) : null };
		});
};

/** The chosen parent and the logframe above it, checked to belong to the programme (one statement). */
export interface ResolvedParent {
	kind: ParentKind;
	moduleId: number | null;
	outputId: number | null;
	activityId: number | null;
}

export async function resolveLogframeParent(db: Executor, programmeId: number, parent: ParentChoice): Promise<ResolvedParent> {
	if (parent.kind === 'programme' || parent.id === null) return { kind: 'programme', moduleId: null, outputId: null, activityId: null };
	const unknown = () => new DomainValidationError({ parent: { key: 'validation.unknownRecord' } });
	if (parent.kind === 'module') {
		const m = await db
			.selectFrom('module')
			.select('id')
			.where('id', '=', parent.id)
			.where('programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!m) throw unknown();
		return { kind: 'module', moduleId: m.id, outputId: null, activityId: null };
	}
	if (parent.kind === 'output') {
		const o = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.module_id'])
			.where('output.id', '=', parent.id)
			.where('module.programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!o) throw unknown();
		return { kind: 'output', moduleId: o.module_id, outputId: o.id, activityId: null };
	}
	const a = await db
		.selectFrom('activity')
		.innerJoin('output', 'output.id', 'activity.output_id')
		.innerJoin('module', 'module.id', 'output.module_id')
		.select(['activity.id', 'activity.output_id', 'output.module_id'])
		.where('activity.id', '=', parent.id)
		.where('module.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!a) throw unknown();
	return { kind: 'activity', moduleId: a.module_id, outputId: a.output_id, activityId: a.id };
}
