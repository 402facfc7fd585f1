import type { Db } from '../src/lib/server/db/connection';
import { approveSeededValues } from './approvals';
import { seedDemoAccounts } from './demo-accounts';
import { genderSeeds, seedGenderActions } from './gender';
import { seedIndicators, seedProgramme } from './load';
import { ecuadorEu } from './programmes/ecuador-eu';
import { elSalvador } from './programmes/el-salvador';
import { patss } from './programmes/patss';
import { peruEu } from './programmes/peru-eu';
import { recommendationSeeds, seedRecommendations } from './recommendations';
import { riskSeeds, seedRisks } from './risks';
import { seedReports } from './reports';
import { renderers as realRenderers } from '../src/lib/server/reports/renderers';
import type { Renderers } from '../src/lib/server/reports/issue';
import { seedTranslations } from './translations';
import { seedMoreTranslations } from './translations-more';
import { financeSeeds, seedFinance } from './finance';
import { seedLibrary } from './library';
import { seedDialogue } from './dialogue';
import { lessonSeeds, seedEvaluationMatrix, seedLessons } from './evaluation';
import { seedDonorReports } from './donor-reports';
import { validateSeededLessons } from './lesson-validation';
import { withoutNotices } from '../src/lib/server/notifications/outbox';
import { budgetRevisionSeeds, seedBudgetRevisions } from './budget-revisions';
import { seedDonorTranslations } from './translations-donor';
import { seedDonorFacts } from './donor-facts';
import { IATI_SEEDS, seedIati } from './iati';
import { seedDeviationReasons } from './deviation-reasons';

export const PROGRAMME_SEEDS = [patss, ecuadorEu, peruEu, elSalvador];

export interface SeedReport {
	created: string[];
	skipped: string[];
}

/**
 * Loads the real programmes (idempotent) and, for the demo only, the demo accounts and (with
 * `reports`, which needs the demo evaluator) the PATSS reports: one issued through the real issue
 * path, so its files are rendered and stored under UPLOADS_PATH, and one draft.
 */
export interface SeedOptions {
	demoAccounts: boolean;
	reports?: boolean;
	/** The issued reports' renderers (tests that do not look at the files pass quicker ones). */
	renderers?: Renderers;
}

export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedReport> {
	// The seed replays a past (approvals, issued reports) through the real workflow; nobody is
	// mailed about it, so its events queue no notice (the outbox stays empty).
	return withoutNotices(() => seedAll(db, options));
}

async function seedAll(db: Db, options: SeedOptions): Promise<SeedReport> {
	const report: SeedReport = { created: [], skipped: [] };
	const renderers = options.renderers ?? realRenderers;
	for (const seed of PROGRAMME_SEEDS) {
		const code = seed.programme.code;
		const { id, created } = await seedProgramme(db, seed);
		// Each part is seeded only where the programme has none of it yet, so the seed stays
		// idempotent and a database from before a part existed gets that part.
		const added = [
			await seedIndicators(db, id, seed.indicators ?? []),
			await seedRisks(db, id, riskSeeds[code] ?? []),
			await seedGenderActions(db, id, genderSeeds[code] ?? []),
			await seedRecommendations(db, id, recommendationSeeds[code] ?? []),
			await seedTranslations(db, id, seed.programme.slug),
			await seedMoreTranslations(db, id, seed.programme.slug),
			await seedFinance(db, id, financeSeeds[code]),
			await seedLessons(db, id, lessonSeeds[code] ?? []),
			await seedBudgetRevisions(db, id, budgetRevisionSeeds[code]),
			await seedDonorTranslations(db, id, seed.programme.slug),
			await seedIati(db, id, IATI_SEEDS[seed.programme.slug]),
			// The reasons for the activities late at a seeded report's cut-off, before any report is issued.
			await seedDeviationReasons(db, id, seed.programme.slug)
		];
		(created || added.some(Boolean) ? report.created : report.skipped).push(code);
	}
	if (await seedLibrary(db)) report.created.push('indicator library');
	if (await seedDialogue(db)) report.created.push('social dialogue');
	if (options.demoAccounts) await seedDemoAccounts(db);
	// The donor layouts' fact-sheet fields, before any report is issued (seed/donor-facts.ts).
	if (options.demoAccounts && (await seedDonorFacts(db))) report.created.push('donor facts');
	// The demo's values approved through the real workflow by the demo accounts (before any report locks their periods).
	if (options.demoAccounts) await approveSeededValues(db);
	// The demo's lessons and good practices validated through the real function by the demo evaluator.
	if (options.demoAccounts) await validateSeededLessons(db);
	if (options.reports && (await seedReports(db, renderers))) report.created.push('PATSS reports');
	if (options.reports && (await seedEvaluationMatrix(db))) report.created.push('PATSS final evaluation matrix');
	if (options.reports && (await seedDonorReports(db, renderers))) report.created.push('donor-format reports');
	return report;
}
