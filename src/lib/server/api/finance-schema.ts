import { z } from 'zod';
import { BUDGET_CATEGORIES } from '$lib/finance-rules';
import { LOCALES } from '$lib/model';

// The response of /api/v1/programmes/<slug>/finance (issue 20), served as JSON Schema at
// /api/v1/schema/finance.json. Amounts are decimal strings in the programme's currency (exact:
// "462640.00"), never floats; rates are fractions (0.62), null when there is nothing to divide by.

const money = z
	.string()
	.regex(/^-?\d+\.\d{2}$/)
	.describe('An exact amount in the programme’s currency, two decimals, as text.');
const rate = z.number().nullable();

const figures = z.object({
	budget: money,
	plannedToDate: money,
	spentToDate: money,
	deliveryRate: rate.describe('Spent / budget.'),
	burnRate: rate.describe('Spent / planned to date.'),
	resultsProgress: rate.describe('Mean progress of the indicators (the status module’s own), each capped at 1.'),
	spendingAheadOfResults: z.boolean()
});

export const financeResponseSchema = z.object({
	asOf: z.iso.date(),
	lang: z.enum(LOCALES),
	data: z.object({
		currency: z.string().length(3),
		illustrative: z.boolean().describe('Seeded demonstration figures, not the programme’s accounts.'),
		endedPeriodsOnly: z.boolean().describe('Only the expenditure of ended periods is counted (donors).'),
		programme: figures.extend({ programmeLevel: money }),
		lines: z.array(
			z.object({
				id: z.number().int(),
				code: z.string(),
				title: z.string(),
				category: z.enum(BUDGET_CATEGORIES),
				amount: money.describe('The amount in force at asOf (the latest budget revision by then, else the original).'),
				originalAmount: money.describe('The amount first approved, before any revision.'),
				revisedAmount: money
					.nullable()
					.describe(
						'The amount of the budget revision in force at asOf (the Finance tab’s “In force” beside “Original”); null when no revision is in force, the line then stands at its original amount.'
					),
				revisedOn: z.iso.date().nullable().describe('The date the revision in force took effect; null when none is in force.'),
				plannedToDate: money.describe('The line’s plan due by asOf (its phasing, else the straight line over the programme’s dates).'),
				spentToDate: money,
				allocations: z.array(
					z.object({
						moduleId: z.number().int().nullable(),
						outputId: z.number().int().nullable(),
						share: z.number().describe('Per cent of the line.')
					})
				)
			})
		),
		modules: z.array(
			figures.extend({
				id: z.number().int(),
				code: z.string(),
				outputs: z.array(figures.extend({ id: z.number().int(), code: z.string() }))
			})
		),
		costPerUnit: z.array(
			z.object({ indicatorId: z.number().int(), code: z.string(), change: z.number(), costPerUnit: money, spentOnOutput: money })
		)
	})
});
