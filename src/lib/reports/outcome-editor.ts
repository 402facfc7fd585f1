import type { Locale } from '$lib/model';
import { ComposeContext } from './compose-context';
import type { DocEvidence } from './document';
import { outcomeBlocks } from './evidence-tcpr';
import type { ReportSnapshot } from './snapshot';

// What the report editor shows for each outcome of an ILO progress report (issue 21): the
// outcome's saved narrative (with its version, for the conflict check) beside what the report
// prints for it, composed by the same builder as the document.

export interface OutcomeNarrativeState {
	moduleId: number;
	narrativeEs: string;
	narrativeEn: string;
	version: number;
	updatedAt: string | null;
	updatedByName: string | null;
}

export interface OutcomeEditorPart extends OutcomeNarrativeState {
	code: string;
	title: string;
	evidence: DocEvidence[];
}

export function outcomeEditorParts(snapshot: ReportSnapshot, lang: Locale, saved: readonly OutcomeNarrativeState[]): OutcomeEditorPart[] {
	const ctx = new ComposeContext(snapshot, lang);
	const byModule = new Map(saved.map((s) => [s.moduleId, s]));
	return snapshot.modules.map((m) => {
		const row = byModule.get(m.id);
		const id = `outcome-${m.id}`;
		const title = ctx
			.loc(m.title, m.key, 'title')
			.map((i) => (i.type === 'mark' ? ` ${i.text}` : i.text))
			.join('');
		return {
			moduleId: m.id,
			code: m.code,
			title,
			narrativeEs: row?.narrativeEs ?? '',
			narrativeEn: row?.narrativeEn ?? '',
			version: row?.version ?? 0,
			updatedAt: row?.updatedAt ?? null,
			updatedByName: row?.updatedByName ?? null,
			evidence: [{ key: 'outcome_progress', id, title: `${m.code} ${title}`, blocks: outcomeBlocks(ctx, id, m, { narrative: false }) }]
		};
	});
}
