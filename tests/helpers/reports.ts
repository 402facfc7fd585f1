import { saveModuleNarrative } from '$lib/server/reports/module-narratives';
import { OUTLINES, type ReportLayout } from '$lib/reports/outline';
import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import type { Renderers } from '$lib/server/reports/issue';
import { createReport, loadSections, saveSection } from '$lib/server/reports/reports';
import { canonicalJson } from '$lib/reports/canonical-json';

/** Renderers that stand in for pdfmake and docx: bytes that depend on the snapshot and the language. */
export const fakeRenderers: Renderers = {
	pdf: async (snapshot, lang) => new TextEncoder().encode(`%PDF-1.7 fake ${lang} ${canonicalJson(snapshot.report)}`),
	docx: async (snapshot, lang) => new TextEncoder().encode(`PK fake docx ${lang} ${snapshot.report.issueNumber} ${snapshot.programme.code}`)
};

/** A draft over the given periods with every section written, rated and justified in both languages. */
export async function writtenReport(
	db: Db,
	actor: { id: number },
	programme: Programme,
	periodIds: number[],
	options: { layout?: ReportLayout; citation?: string } = {}
): Promise<number> {
	const layout = options.layout ?? 'oecd_dac';
	const id = await createReport(db, actor, programme, {
		layout,
		titleEs: 'Informe de avance de prueba',
		titleEn: 'Test progress report',
		window: 'periods',
		periodIds,
		windowStart: null,
		cutOff: null,
		languages: ['es', 'en']
	});
	const sections = await loadSections(db, id);
	for (const outline of OUTLINES[layout]) {
		const s = sections.find((x) => x.key === outline.key)!;
		await saveSection(db, actor, programme, id, {
			key: outline.key,
			version: s.version,
			rating: outline.rated ? 'satisfactory' : undefined,
			narrativeEs: `Narrativa de ${outline.key} con **ñ** y acentos: evaluación. ${options.citation ?? ''}`,
			narrativeEn: `Narrative of ${outline.key}. ${options.citation ?? ''}`,
			justificationEs: outline.rated ? 'Justificación ilustrativa.' : '',
			justificationEn: outline.rated ? 'Illustrative justification.' : ''
		});
	}
	// The ILO progress report needs each outcome's own narrative too (issue 21).
	if (layout === 'ilo_tcpr') {
		const modules = await db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programme.id).execute();
		for (const m of modules)
			await saveModuleNarrative(db, actor, programme, id, {
				moduleId: m.id,
				version: 0,
				narrativeEs: `Narrativa del resultado ${m.code}. ${options.citation ?? ''}`,
				narrativeEn: `Narrative of outcome ${m.code}. ${options.citation ?? ''}`
			});
	}
	return id;
}
