// The outline of a progress report per layout (design §5): which sections it has, in which order,
// which of them are OECD-DAC criteria (rated on the ILO 6-point scale with a justification), and
// which generated evidence blocks each section prints beside its narrative.

export const REPORT_LAYOUTS = ['oecd_dac', 'eu_narrative'] as const;
export type ReportLayout = (typeof REPORT_LAYOUTS)[number];

export const CRITERIA = ['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The ILO six-point scale, best first. */
export const RATINGS = [
	'highly_satisfactory',
	'satisfactory',
	'somewhat_satisfactory',
	'somewhat_unsatisfactory',
	'unsatisfactory',
	'highly_unsatisfactory'
] as const;
export type Rating = (typeof RATINGS)[number];

export const SECTION_KEYS = [
	'executive_summary',
	'description',
	'context',
	...CRITERIA,
	'results_activities',
	'beneficiaries_cooperation',
	'visibility',
	'risks',
	'gender',
	'lessons_learned',
	'good_practices',
	'next_period_plan'
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Generated blocks the data gives; each section lists the ones printed beside its narrative. */
export const EVIDENCE_BLOCKS = [
	'key_figures', // status counts, adoption rate, activities completed, open high risks
	'fact_sheet', // symbol, donor, budget, dates, partners, SDGs
	'alignment', // SDG targets, framework references of the indicators
	'assumption_checks', // assumption checks per period
	'materialised_risks', // risks that materialised, assumptions that stopped holding
	'linked_recommendations', // recommendations linked to modules, partners
	'indicator_progress', // the indicator progress table per module
	'activities_summary', // activities completed / on time / delayed
	'budget_and_dates', // budget, dates, time elapsed
	'impact_indicators', // outcome- and programme-level indicators, with trend charts
	'status_chart', // indicator status by module (chart + table)
	'adoption', // recommendation adoption rates and adopted instruments
	'gender_actions', // gender actions by status; capacity actions completed
	'risk_matrix', // the risk register and the changes since the last issued report
	'sex_gaps', // women/men gaps of the sex-disaggregated indicators
	'financial_summary', // money and results by outcome and output: delivery, burn against progress, cost per result
	'what_changed', // what changed since the last issue (generated, every issue)
	'targets_likelihood', // the forecast of each indicator: will it reach its end target?
	'evaluation_questions', // the evaluation matrix's questions of the section's criterion (issue 24)
	'evaluation_entries', // validated lessons learned or good practices in template form (issue 24)
	'tripartite' // social dialogue and tripartism: constituents' shares, events per period, tripartite adoption (issue 25)
] as const;
export type EvidenceBlock = (typeof EVIDENCE_BLOCKS)[number];

export interface OutlineSection {
	key: SectionKey;
	/** Rated on the ILO scale with a justification (OECD-DAC criteria only). */
	rated: boolean;
	evidence: readonly EvidenceBlock[];
}

const section = (key: SectionKey, evidence: readonly EvidenceBlock[] = []): OutlineSection => ({
	key,
	rated: (CRITERIA as readonly string[]).includes(key),
	evidence
});

export const OUTLINES: Record<ReportLayout, readonly OutlineSection[]> = {
	oecd_dac: [
		section('executive_summary', ['key_figures', 'targets_likelihood', 'what_changed']),
		section('context', ['materialised_risks']),
		section('relevance', ['alignment', 'assumption_checks']),
		section('coherence', ['linked_recommendations']),
		section('effectiveness', ['indicator_progress', 'status_chart', 'activities_summary']),
		section('efficiency', ['activities_summary', 'budget_and_dates', 'financial_summary']),
		section('impact', ['impact_indicators']),
		section('sustainability', ['adoption', 'gender_actions', 'tripartite']),
		section('risks', ['risk_matrix']),
		section('gender', ['gender_actions', 'sex_gaps']),
		section('lessons_learned'),
		section('good_practices'),
		section('next_period_plan')
	],
	// The EU interim narrative order: description; executive summary; results and activities
	// against the updated logframe; beneficiaries and cooperation; visibility (logframe annex).
	eu_narrative: [
		section('description', ['fact_sheet', 'budget_and_dates', 'financial_summary']),
		section('executive_summary', ['key_figures', 'targets_likelihood', 'what_changed']),
		section('context', ['materialised_risks', 'assumption_checks']),
		section('results_activities', ['indicator_progress', 'status_chart', 'impact_indicators', 'activities_summary']),
		section('risks', ['risk_matrix']),
		section('gender', ['gender_actions', 'sex_gaps']),
		section('beneficiaries_cooperation', ['linked_recommendations', 'adoption', 'tripartite']),
		section('visibility'),
		section('lessons_learned'),
		section('next_period_plan')
	]
};

/** Annexes printed after the sections, generated only. */
export const ANNEXES = ['logframe', 'recommendation_tracker', 'records_cited'] as const;
export type Annex = (typeof ANNEXES)[number];

/** The layout a new report of a programme gets unless the evaluator picks another. */
export function defaultLayout(fundingModality: string): ReportLayout {
	return fundingModality === 'eu_contribution' ? 'eu_narrative' : 'oecd_dac';
}

/** Highest narrative length accepted per section and language (characters). */
export const MAX_NARRATIVE_LENGTH = 20_000;
export const MAX_JUSTIFICATION_LENGTH = 4_000;
