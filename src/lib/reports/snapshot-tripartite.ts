import type { Constituent } from '$lib/constituents';
import type { IsoDate } from '$lib/model';
import type { BilingualText, RecordKey } from './snapshot';

// The tripartite part of a report snapshot (issue 25): the dialogue domain's lens as of the
// cut-off (the dashboard's section computes the same figures with the same rule), and the
// social-dialogue events of the report's window, each a record the block and a narrative can cite
// ([[dialogue_event:12]]). Plain JSON; shares are fractions.

export interface SnapshotDialogueEvent {
	key: RecordKey;
	id: number;
	heldOn: IsoDate;
	/** As typed, in the programme's content language. */
	body: string;
	/** The body with its translation (absent from snapshots frozen before events were translatable). */
	bodyText?: BilingualText;
	constituents: Constituent[];
	tripartite: boolean;
	/**
	 * What the meeting agreed, and who took part by name per group, with their translations
	 * (issue 25); absent from snapshots frozen before: those print the groups only.
	 */
	outcomeText?: BilingualText;
	parties?: { constituent: Constituent; names: BilingualText }[];
}

export interface SnapshotTripartite {
	activities: { constituent: Constituent; n: number; total: number; share: number | null }[];
	/** Events up to the cut-off per reporting period (periods without any left out). */
	eventsPerPeriod: { periodId: number; label: string; count: number; tripartite: number }[];
	/** Adopted recommendations (as of the cut-off) and those of them with all three constituents. */
	recommendations: { adopted: number; tripartite: number; tripartiteKeys: RecordKey[] };
	/** Every event held up to the cut-off. */
	totalEvents: number;
	/** The events held in the report's window (window start to cut-off), oldest first. */
	events: SnapshotDialogueEvent[];
}
