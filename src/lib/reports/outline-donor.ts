import type { Annex, EvidenceBlock, OutlineSection, SectionKey } from './outline';

// The donors' own formats (issue 21, design §5). Neither rates criteria: their sections are
// narrative beside generated evidence. Every layout ends its executive summary with "What changed
// since the last issue". Only types come from outline.ts, so the two files import each other safely.

const part = (key: SectionKey, evidence: readonly EvidenceBlock[] = []): OutlineSection => ({ key, rated: false, evidence });

/**
 * The ILO technical cooperation progress report, in the order the ILO template follows:
 * identification; executive summary and the issues requiring the attention of management or the
 * donor; context; progress per outcome; the five cross-cutting policy drivers; partnerships;
 * risks; lessons and good practices; follow-up of recommendations; visibility; financial summary;
 * work plan for the next period; requests for revision.
 */
export const ILO_TCPR_OUTLINE: readonly OutlineSection[] = [
	part('identification', ['tcpr_identification']),
	part('executive_summary', ['key_figures', 'targets_likelihood', 'what_changed']),
	part('attention_issues'),
	part('context', ['materialised_risks', 'assumption_checks']),
	part('outcome_progress', ['outcome_progress']),
	part('driver_labour_standards', ['labour_standards_evidence']),
	part('driver_social_dialogue', ['social_dialogue_evidence', 'tripartite']),
	part('driver_gender_equality', ['gender_actions', 'sex_gaps']),
	part('driver_disability_inclusion', ['disability_evidence']),
	part('driver_environmental_sustainability', ['environment_evidence']),
	part('partnerships', ['partners_synergies']),
	part('risks', ['risk_matrix']),
	part('lessons_learned'),
	part('good_practices'),
	part('recommendations_followup', ['adoption', 'management_response']),
	part('visibility'),
	part('financial_report', ['financial_summary']),
	part('next_period_plan', ['work_plan']),
	part('revision_requests')
];

/**
 * The EU interim narrative report (grant Annex VI): description of the action; target groups and
 * final beneficiaries; executive summary with the likelihood of reaching the targets; the validity
 * of the intervention logic and the proposed logframe modifications; activities and results with
 * their modifications and reasons; the updated action plan; visibility; financial summary.
 */
export const EU_NARRATIVE_OUTLINE: readonly OutlineSection[] = [
	part('description', ['eu_description', 'budget_and_dates']),
	part('target_groups', ['beneficiaries']),
	part('executive_summary', ['key_figures', 'targets_likelihood', 'what_changed']),
	part('intervention_logic', ['assumption_checks']),
	part('logframe_modifications'),
	part('context', ['materialised_risks']),
	part('results_activities', ['indicator_progress', 'status_chart', 'activity_deviations']),
	part('risks', ['risk_matrix']),
	part('gender', ['gender_actions', 'sex_gaps']),
	part('beneficiaries_cooperation', ['partners_synergies', 'tripartite']),
	part('lessons_learned'),
	part('action_plan', ['work_plan']),
	part('visibility', ['eu_visibility']),
	part('financial_report', ['financial_summary'])
];

/** The annexes of the donors' layouts ("Records cited" last, as in every layout). */
export const DONOR_ANNEXES: Record<'eu_narrative' | 'ilo_tcpr', readonly Annex[]> = {
	eu_narrative: ['eu_logframe', 'records_cited'],
	ilo_tcpr: ['logframe', 'management_response', 'records_cited']
};
