// The outline of a progress report per layout (design §5): which sections it has, in which order,
// which of them are OECD-DAC criteria (rated on the ILO 6-point scale with a justification), and
// which generated evidence blocks each section prints beside its narrative. The donors' own
// formats (ILO TCPR, EU Annex VI) are defined in outline-donor.ts.

import { DONOR_ANNEXES, EU_NARRATIVE_OUTLINE, ILO_TCPR_OUTLINE } from './outline-donor';

export const REPORT_LAYOUTS = ['oecd_dac', 'eu_narrative', 'ilo_tcpr'] as const;
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
	'next_period_plan',
	// issue 21: the ILO TCPR and the EU Annex VI parts
	'identification',
	'attention_issues',
	'outcome_progress',
	'driver_labour_standards',
	'driver_social_dialogue',
	'driver_gender_equality',
	'driver_disability_inclusion',
	'driver_environmental_sustainability',
	'partnerships',
	'recommendations_followup',
	'financial_report',
	'revision_requests',
	'target_groups',
	'intervention_logic',
	'logframe_modifications',
	'action_plan'
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
	// issue 21 (evidence-donor.ts)
	'tcpr_identification', // TC symbol, donor, budget and delivery, dates, units, P&B, DWCP, SDGs, period
	'outcome_progress', // per outcome: indicators with value explanations, activities planned vs done with deviation reasons
	'labour_standards_evidence', // instruments adopted, lessons and questions tagged with the driver
	'social_dialogue_evidence', // social-dialogue events in the window with the parties present
	'disability_evidence', // lessons and questions tagged with disability inclusion
	'environment_evidence', // lessons and questions tagged with environmental sustainability
	'partners_synergies', // partners, affiliated entities, dialogue bodies, linked programmes
	'management_response', // recommendations: response, key actions, responsible, due, status
	'work_plan', // activities planned in the next period
	'eu_description', // contract number, coordinator, affiliated entities, target countries
	'beneficiaries', // target groups, and women and men reached by the sex-disaggregated indicators
	'activity_deviations', // activities modified, with their reasons
	'eu_visibility', // the EU funding disclaimer
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
		section('coherence', ['partners_synergies']),
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
	eu_narrative: EU_NARRATIVE_OUTLINE,
	ilo_tcpr: ILO_TCPR_OUTLINE
};

/** Annexes printed after the sections, generated only. */
export const ANNEXES = ['logframe', 'recommendation_tracker', 'records_cited', 'eu_logframe', 'management_response'] as const;
export type Annex = (typeof ANNEXES)[number];

/** The annexes of a layout, in print order ("Records cited" always last). */
export function annexesOf(layout: ReportLayout): readonly Annex[] {
	return layout === 'oecd_dac' ? ['logframe', 'recommendation_tracker', 'records_cited'] : DONOR_ANNEXES[layout];
}

/**
 * The layout a new report of a programme gets unless the evaluator picks another (issue 21): the
 * EU's own narrative report for EU contributions, the ILO TCPR for RBSA, direct trust funds and
 * the regular budget; an evaluation picks OECD-DAC.
 */
export function defaultLayout(fundingModality: string, purpose: 'progress' | 'evaluation' = 'progress'): ReportLayout {
	if (purpose === 'evaluation') return 'oecd_dac';
	if (fundingModality === 'eu_contribution') return 'eu_narrative';
	if (['rbsa', 'direct_trust_fund', 'regular_budget'].includes(fundingModality)) return 'ilo_tcpr';
	return 'oecd_dac';
}

/** Highest narrative length accepted per section and language (characters). */
export const MAX_NARRATIVE_LENGTH = 20_000;
export const MAX_JUSTIFICATION_LENGTH = 4_000;
