import type { IsoDate, Locale } from '$lib/model';
import type { BilingualText, RecordKey, SnapshotPeriod } from './snapshot';

// What the donors' own formats print beyond the OECD-DAC report (issue 21), frozen in the
// snapshot like every other figure: the fact-sheet fields of the ILO and EU templates, each
// activity's reason for deviating from its plan, the logframe's sources of data, years and
// assumptions, the management response to each recommendation with its key actions, the social
// dialogue held, the programmes linked to this one and the period that follows the cut-off.

export const DONOR_FACTS = [
	'tcSymbol',
	'administrativeUnit',
	'backstoppingUnit',
	'pbOutcomes',
	'dwcpOutcome',
	'contractNumber',
	'coordinatorContact',
	'affiliatedEntities',
	'targetCountries',
	'targetGroups'
] as const;
export type DonorFact = (typeof DONOR_FACTS)[number];

export const MANAGEMENT_RESPONSES = ['accepted', 'partially_accepted', 'rejected'] as const;
export type ManagementResponse = (typeof MANAGEMENT_RESPONSES)[number];

export interface DonorSnapshot {
	facts: Record<DonorFact, BilingualText>;
	/** The reporting period after the cut-off (the work plan's), or null when the programme ends. */
	nextPeriod: SnapshotPeriod | null;
	/** Activities whose reason for deviating is written, by record key. */
	deviations: { activityKey: RecordKey; reason: BilingualText }[];
	/** Logframe columns of the EU annex, per indicator. */
	logframe: {
		indicatorKey: RecordKey;
		sources: BilingualText;
		baselineYear: number | null;
		targetYear: number | null;
		assumptionKeys: RecordKey[];
		euCode: string;
	}[];
	responses: {
		recommendationKey: RecordKey;
		response: ManagementResponse | null;
		text: BilingualText;
		/** The seed inferred the response; nobody has confirmed it. */
		illustrative: boolean;
		keyActions: { action: BilingualText; responsible: string; dueDate: IsoDate | null; status: string; illustrative: boolean }[];
	}[];
	/** Social-dialogue events held in the report's window, oldest first. */
	dialogue: { heldOn: IsoDate; body: string; outcome: string; constituents: string[]; illustrative: boolean }[];
	/** Other programmes in the same country (coherence: where synergies are sought). */
	linkedProgrammes: {
		code: string;
		shortName: string;
		donor: string;
		/**
		 * The programme's title and donor with their translations (issue 21: the English report
		 * printed them in Spanish, unmarked); absent from issues made before, which print the
		 * short name and donor marked as originals (reports/fact-texts.ts).
		 */
		titleText?: BilingualText;
		donorText?: BilingualText;
	}[];
	/**
	 * The ILO progress report's narrative of each outcome (module), per language to issue (a
	 * language not issued is null); only in TCPR snapshots, absent from issues made before.
	 */
	outcomes?: { moduleKey: RecordKey; narrative: Record<Locale, string | null> }[];
}
