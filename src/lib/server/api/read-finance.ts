import type { z } from 'zod';
import { minorToDecimal, type FinanceFigures } from '$lib/finance-rules';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';
import { loadFinance } from '../finance/finance-read';
import type { ApiProgrammeAccess } from './access';
import type { AnswerContext } from './answer';
import type { financeResponseSchema } from './finance-schema';

// The finance answer of the read API: the finance read model as the token's user reads it (donors:
// ended periods only), amounts as exact decimal strings.

const figures = (f: FinanceFigures) => ({
	budget: minorToDecimal(f.budgetMinor),
	plannedToDate: minorToDecimal(f.plannedMinor),
	spentToDate: minorToDecimal(f.spentMinor),
	deliveryRate: f.deliveryRate,
	burnRate: f.burnRate,
	resultsProgress: f.resultsProgress,
	spendingAheadOfResults: f.spendingAhead
});

export async function readFinance(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof financeResponseSchema>> {
	const view = await loadFinance(db, access.programme, access.viewer, { asOf: options.asOf });
	return {
		asOf: view.asOf,
		lang: ctx.lang,
		data: {
			currency: view.currency,
			illustrative: view.illustrative,
			endedPeriodsOnly: view.endedOnly,
			programme: { ...figures(view.programme), programmeLevel: minorToDecimal(view.programmeLevelMinor) },
			lines: view.lines.map((l) => ({
				id: l.id,
				code: l.code,
				title: l.title,
				category: l.category,
				amount: minorToDecimal(l.amountMinor),
				originalAmount: minorToDecimal(l.originalMinor),
				revisedAmount: l.revision ? minorToDecimal(l.amountMinor) : null,
				revisedOn: l.revision?.effectiveOn ?? null,
				plannedToDate: minorToDecimal(l.plannedMinor),
				spentToDate: minorToDecimal(l.spentMinor),
				allocations: l.allocations.map((a) => ({ moduleId: a.moduleId, outputId: a.outputId, share: a.shareBp / 100 }))
			})),
			modules: view.modules.map((m) => ({
				id: m.id,
				code: m.code,
				...figures(m.figures),
				outputs: m.outputs.map((o) => ({ id: o.id, code: o.code, ...figures(o.figures) }))
			})),
			costPerUnit: view.costPerUnit.map((c) => ({
				indicatorId: c.indicatorId,
				code: c.code,
				change: c.change,
				costPerUnit: minorToDecimal(c.costMinor),
				spentOnOutput: minorToDecimal(c.spentMinor)
			}))
		}
	};
}
