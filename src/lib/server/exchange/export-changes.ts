import type { Indicator, ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';

// The change log an export carries: the audit trail of the programme's indicators and values,
// newest entries first in the read (capped), oldest first in the file. Donors read the reference
// sheets' changes and the approvals of values they may see, never the steps of a draft.

export interface ExportChange {
	id: number;
	at: string;
	userName: string | null;
	entity: string;
	entityId: string;
	/** The indicator the entry is about (its code), when known. */
	indicatorCode: string | null;
	periodLabel: string | null;
	action: string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
	reason: string | null;
}

/** The most change-log entries a workbook carries (the newest ones). */
export const CHANGE_LOG_LIMIT = 5000;

export function changeLogRows(db: Executor, programmeId: number) {
	return db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'user.name as user_name',
			'audit_log.entity',
			'audit_log.entity_id',
			'audit_log.action',
			'audit_log.before',
			'audit_log.after',
			'audit_log.reason'
		])
		.where('audit_log.programme_id', '=', programmeId)
		.where('audit_log.entity', 'in', ['indicator', 'indicator_value'])
		.orderBy('audit_log.id', 'desc')
		.limit(CHANGE_LOG_LIMIT)
		.execute();
}

type ChangeLogRow = Awaited<ReturnType<typeof changeLogRows>>[number];

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);

/** The entries this viewer may read, with the indicator code and period label they are about. */
export function toChanges(
	rows: ChangeLogRow[],
	context: {
		internal: boolean;
		indicators: Pick<Indicator, 'id' | 'code'>[];
		periods: Pick<ReportingPeriod, 'id' | 'label'>[];
		/** The values the export shows (approved only, for a donor). */
		values: { id: number; indicatorId: number; periodId: number }[];
	}
): ExportChange[] {
	const codeOf = new Map(context.indicators.map((i) => [i.id, i.code]));
	const labelOf = new Map(context.periods.map((p) => [p.id, p.label]));
	const valueOf = new Map(context.values.map((v) => [v.id, v]));
	return rows
		.filter((r) => {
			if (r.entity === 'indicator') return codeOf.has(Number(r.entity_id));
			const value = valueOf.get(Number(r.entity_id));
			return !!value && (context.internal || r.action === 'approve');
		})
		.map((r) => {
			const value = r.entity === 'indicator_value' ? valueOf.get(Number(r.entity_id)) : undefined;
			const indicatorId = value ? value.indicatorId : Number(r.entity_id);
			return {
				id: r.id,
				at: r.at,
				userName: r.user_name,
				entity: r.entity,
				entityId: r.entity_id,
				indicatorCode: codeOf.get(indicatorId) ?? null,
				periodLabel: value ? (labelOf.get(value.periodId) ?? null) : null,
				action: r.action,
				before: parse(r.before),
				after: parse(r.after),
				reason: r.reason
			};
		})
		.reverse();
}
