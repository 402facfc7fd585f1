import type { Programme } from '$lib/model';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import { loadFinance, type FinanceCostView } from './finance-read';

// Cost per unit of result on the indicator page (issue 20 item 4): the figure the Finance tab
// shows for this indicator, from the same reader and the rules module's one formula (spent on
// the output / achieved change), for the same viewer (donors: ended periods only). Only number
// indicators of an output can have one, and only when it is meaningful (something spent, a
// positive change): otherwise null and the page shows nothing.

export interface IndicatorCost {
	currency: string;
	cost: FinanceCostView;
	endedOnly: boolean;
	illustrative: boolean;
}

export async function indicatorCost(
	db: Executor,
	programme: Programme,
	viewer: Viewer,
	indicator: { id: number; measure: string; outputId: number | null }
): Promise<IndicatorCost | null> {
	if (indicator.measure !== 'number' || indicator.outputId === null) return null;
	const finance = await loadFinance(db, programme, viewer);
	const cost = finance.costPerUnit.find((c) => c.indicatorId === indicator.id);
	return cost ? { currency: finance.currency, cost, endedOnly: finance.endedOnly, illustrative: finance.illustrative } : null;
}
