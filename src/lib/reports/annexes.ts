import type { DocAnnex, DocInline, DocRecord, DocRow } from './document';
import { recordAnchor } from './document';
import type { ComposeContext } from './compose-context';
import { indicatorGroups, judgedValueKey, row, table } from './evidence';
import type { Annex } from './outline';
import { addresseesText } from './fact-texts';

// The annexes printed after the sections: the logframe with current values (landscape), the
// recommendation tracker, and "Records cited", the row every figure and citation links to.

function logframe(ctx: ComposeContext, id: string): DocAnnex['blocks'] {
	const { t, snapshot } = ctx;
	const periods = snapshot.report.periods;
	const rows: DocRow[] = [];
	for (const g of indicatorGroups(ctx, snapshot.indicators)) {
		rows.push({ type: 'group', cells: g.label });
		for (const i of g.indicators) {
			const byPeriod = periods.map((p) => {
				const x = i.periods.find((v) => v.periodId === p.id);
				const shown =
					i.measure === 'qualitative' || i.measure === 'milestone' ? (x?.text ?? ctx.value(i, x?.value)) : ctx.value(i, x?.value);
				return [ctx.ref(shown || t('common.none'), x?.valueKey ?? i.key)];
			});
			rows.push(
				row(
					[ctx.ref(i.code, i.key)],
					ctx.loc(i.title, i.key, 'title'),
					ctx.loc(i.unit, i.key, 'unit'),
					[ctx.ref(ctx.typed(i, i.baseline), i.key)],
					[ctx.ref(ctx.typed(i, i.endTarget), i.key)],
					...byPeriod,
					[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))],
					[ctx.ref(ctx.status(i.status), i.key)]
				)
			);
		}
	}
	return [
		table(
			id,
			t('reportDoc.annex.logframe'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.indicator'), false],
				[t('reportDoc.col.unit'), false],
				[t('reportDoc.col.baseline'), true],
				[t('reportDoc.col.target'), true],
				...periods.map((p): [string, boolean] => [p.label, true]),
				[t('reportDoc.col.actual'), true],
				[t('reportDoc.col.status'), false]
			],
			rows
		)
	];
}

function tracker(ctx: ComposeContext, id: string): DocAnnex['blocks'] {
	const { t, i18n, snapshot } = ctx;
	return [
		table(
			id,
			t('reportDoc.annex.recommendation_tracker'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.recommendation'), false],
				[t('reportDoc.col.addressedTo'), false],
				[t('reportDoc.col.priority'), false],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.keyActions'), false],
				[t('reportDoc.col.instruments'), false]
			],
			snapshot.recommendations.map((r) =>
				row(
					[ctx.ref(r.code, r.key)],
					ctx.loc(r.text, r.key, 'text'),
					addresseesText(ctx, r),
					ctx.text(i18n.td(`recommendationPriority.${r.priority}`)),
					[ctx.ref(i18n.td(`adoptionStatus.${r.status}`), r.key)],
					[
						ctx.ref(
							t('reportDoc.keyActionsDone', {
								completed: r.keyActions.completed,
								total: r.keyActions.total,
								overdue: r.keyActions.overdue
							}),
							r.key
						)
					],
					ctx.text(r.instruments.map((x) => `${x.instrument} (${i18n.date(x.date)})`).join('; ') || t('common.none'))
				)
			)
		)
	];
}

/** Word bookmarks: letters, digits and underscores, at most 40 characters, unique. */
function bookmarkName(n: number): string {
	return `rec_${n}`;
}

/** The records a figure or a citation points to, in the snapshot's order, each with its row. */
export function recordsCited(ctx: ComposeContext): { records: Record<string, DocRecord>; annex: DocAnnex['blocks'] } {
	const { t, i18n, snapshot } = ctx;
	const records: Record<string, DocRecord> = {};
	const rows: DocRow[] = [];
	let n = 0;
	for (const [key, r] of Object.entries(snapshot.records)) {
		if (!ctx.cited.has(key)) continue;
		n += 1;
		const label = ctx.loc(r.label, key, 'label');
		const href = `${snapshot.report.origin}${r.path}`;
		records[key] = { key, anchor: recordAnchor(key), bookmark: bookmarkName(n), label, path: r.path, href };
		// Where a record truly has no approver or evidence, the annex says so in words, never "—".
		const isValue = r.kind === 'value';
		// A value with no row of its own (id 0) is counted from other records, never entered.
		const derived = isValue && r.id === 0;
		const approval = r.approvedBy
			? t('reportDoc.approvedBy', { who: r.approvedBy, when: i18n.dateTime(r.approvedAt) })
			: derived
				? t('reportDoc.approval.derived')
				: isValue
					? t('reportDoc.approval.seeded')
					: t('reportDoc.approval.notApplicable');
		const approved: DocInline[] = ctx.text(r.illustrative ? t('reportDoc.approval.illustrative', { approval }) : approval);
		const evidence: DocInline[] = [
			...r.evidence.flatMap((f, k) => ctx.text(`${k ? '; ' : ''}${f.name} (${f.sha256})`)),
			...(r.evidenceUrl
				? [...(r.evidence.length ? ctx.text('; ') : []), { type: 'link' as const, text: r.evidenceUrl, href: r.evidenceUrl }]
				: [])
		];
		rows.push({
			type: 'row',
			anchor: key,
			cells: [
				[{ type: 'text', text: key }],
				label,
				ctx.text(i18n.number(r.version)),
				approved,
				evidence.length
					? evidence
					: ctx.text(
							derived
								? t('reportDoc.evidence.derived')
								: isValue || r.kind === 'gender_action'
									? t('reportDoc.evidence.none')
									: t('reportDoc.evidence.notApplicable')
						),
				[{ type: 'link', text: href, href }]
			]
		});
	}
	return {
		records,
		annex: [
			table(
				'annex-records-cited-table',
				t('reportDoc.annex.records_cited'),
				[
					[t('reportDoc.col.record'), false],
					[t('reportDoc.col.title'), false],
					[t('reportDoc.col.version'), true],
					[t('reportDoc.col.approved'), false],
					[t('reportDoc.col.evidenceFiles'), false],
					[t('reportDoc.col.link'), false]
				],
				rows
			)
		]
	};
}

export function annex(ctx: ComposeContext, key: Extract<Annex, 'logframe' | 'recommendation_tracker'>): DocAnnex {
	const id = `annex-${key.replace(/_/g, '-')}`;
	return {
		key,
		id,
		title: ctx.t(`reportDoc.annex.${key}`),
		landscape: key === 'logframe',
		blocks: key === 'logframe' ? logframe(ctx, `${id}-table`) : tracker(ctx, `${id}-table`)
	};
}
