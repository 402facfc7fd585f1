import type { Locale } from '$lib/model';
import { annex, recordsCited } from './annexes';
import { otherLocale } from '$lib/content-language';
import { ComposeContext } from './compose-context';
import { correctionReasonText } from './fact-texts';
import type { DocAnnex, DocEvidence, DocInline, DocSection, MissingTranslation, ReportDocument } from './document';
import { EVIDENCE_BUILDERS, factSheet } from './evidence';
import { evaluationEvidence, noEvaluationBlock } from './evaluation-evidence';
import {
	activitiesSummary,
	adoption,
	assumptionChecks,
	genderActions,
	impactIndicators,
	linkedRecommendations,
	materialisedRisks,
	riskMatrix,
	sexGaps
} from './evidence-more';
import { financialSummary } from './evidence-finance';
import { narrativeBlocks } from './narrative-blocks';
import { targetsLikelihood } from './evidence-forecast';
import { tripartiteBlock } from './evidence-tripartite';
import { annexesOf, OUTLINES, type EvidenceBlock, type OutlineSection, type SectionKey } from './outline';
import type { ReportSnapshot } from './snapshot';
import { whatChangedBlock } from './what-changed-block';
import { TCPR_BUILDERS } from './evidence-tcpr';
import { EU_BUILDERS } from './evidence-eu';
import { donorAnnex } from './annexes-donor';

export { narrativeBlocks };

// composeReport(snapshot, lang): the one document the HTML preview, the PDF and the DOCX lay out.
// A pure function of the snapshot and a language: no database, no clock.

const BUILDERS = {
	...EVIDENCE_BUILDERS,
	assumption_checks: assumptionChecks,
	materialised_risks: materialisedRisks,
	linked_recommendations: linkedRecommendations,
	activities_summary: activitiesSummary,
	impact_indicators: impactIndicators,
	adoption,
	gender_actions: genderActions,
	risk_matrix: riskMatrix,
	sex_gaps: sexGaps,
	financial_summary: financialSummary,
	what_changed: whatChangedBlock,
	targets_likelihood: targetsLikelihood,
	evaluation_questions: noEvaluationBlock,
	evaluation_entries: noEvaluationBlock,
	...TCPR_BUILDERS,
	...EU_BUILDERS,
	tripartite: tripartiteBlock
} satisfies Record<EvidenceBlock, unknown>;

function evidenceOf(ctx: ComposeContext, section: OutlineSection): DocEvidence[] {
	const generated = section.evidence.map((block) => {
		const id = `sec-${section.key}-${block}`.replace(/_/g, '-');
		return { key: block, id, title: ctx.t(`reportDoc.block.${block}`), blocks: BUILDERS[block](ctx, `${id}-table`) };
	});
	const evaluation = evaluationEvidence(ctx, section.key);
	// The evaluator reads each criterion's questions first, then the evidence that answers them (issue 24).
	const questions = evaluation.filter((e) => e.key === 'evaluation_questions');
	return [...questions, ...generated, ...evaluation.filter((e) => e.key !== 'evaluation_questions')];
}

function sectionOf(ctx: ComposeContext, section: OutlineSection, number: number): DocSection {
	const written = ctx.snapshot.sections.find((s) => s.key === section.key);
	const narrative = narrativeBlocks(ctx, written?.narrative[ctx.lang] ?? null);
	const rating = section.rated ? (written?.rating ?? null) : null;
	return {
		key: section.key,
		id: `sec-${section.key.replace(/_/g, '-')}`,
		number,
		title: ctx.t(`reportDoc.section.${section.key}`),
		rated: section.rated,
		rating,
		ratingLabel: section.rated
			? rating
				? ctx.t(`reportDoc.rating.${rating}`)
				: written?.notRated
					? ctx.t('reportDoc.notRatedReason')
					: ctx.t('reportDoc.notRated')
			: null,
		justification: section.rated ? narrativeBlocks(ctx, written?.justification[ctx.lang] ?? null) : [],
		narrative,
		narrativeMissing: narrative.length === 0,
		evidence: evidenceOf(ctx, section)
	};
}

function titleOf(ctx: ComposeContext): DocInline[] {
	const title = ctx.snapshot.report.title;
	const own = title[ctx.lang];
	if (own && own.trim()) return [{ type: 'text', text: own }];
	const other = otherLocale(ctx.lang);
	const theirs = title[other];
	if (theirs && theirs.trim())
		return [
			{ type: 'text', text: theirs, lang: other },
			{ type: 'mark', text: `(${other})`, lang: other }
		];
	return [{ type: 'text', text: `${ctx.t('reportDoc.kind')} — ${ctx.snapshot.programme.shortName}` }];
}

function plain(inlines: readonly DocInline[]): string {
	return inlines.map((i) => (i.type === 'mark' ? ` ${i.text}` : i.text)).join('');
}

/** The whole report as one document in `lang`. */
export function composeReport(snapshot: ReportSnapshot, lang: Locale): ReportDocument {
	const ctx = new ComposeContext(snapshot, lang);
	const { t } = ctx;
	const r = snapshot.report;
	const title = titleOf(ctx);
	const programme = ctx.locRef(snapshot.programme.title, snapshot.programme.key, 'title');
	const facts = factSheet(ctx);
	const editionHref = `${r.origin}/programmes/${snapshot.programme.slug}/reports/${r.id}/issues/${r.issueNumber}?lang=${lang}`;
	const issue = [
		t('reportDoc.issueNumber', { n: r.issueNumber }),
		...(r.supersedes !== null ? [t('reportDoc.supersedes', { n: r.supersedes })] : [])
	];
	facts.push(
		{ label: t('reportDoc.fact.issue'), value: ctx.text(`${issue.join(' · ')} · ${ctx.i18n.dateTime(r.issuedAt)}`) },
		{ label: t('reportDoc.fact.issuedBy'), value: ctx.text(r.issuedBy) },
		...(r.correctionReason ? [{ label: t('reportDoc.fact.correction'), value: correctionReasonText(ctx) }] : []),
		// The files are not tagged for assistive technology: the same issue as an accessible web page.
		{ label: t('reportDoc.fact.htmlEdition'), value: [{ type: 'link', text: editionHref, href: editionHref }] }
	);
	const sections = OUTLINES[r.layout].map((s, n) => sectionOf(ctx, s, n + 1));
	// Each layout's own annexes (the donors' formats add theirs, issue 21), "Records cited" last.
	const annexes: DocAnnex[] = annexesOf(r.layout).flatMap((k) =>
		k === 'records_cited' ? [] : k === 'logframe' || k === 'recommendation_tracker' ? [annex(ctx, k)] : [donorAnnex(ctx, k)]
	);
	// Last: by now every figure and citation has been met, so the annex lists them all.
	const cited = recordsCited(ctx);
	annexes.push({
		key: 'records_cited',
		id: 'annex-records-cited',
		title: t('reportDoc.annex.records_cited'),
		landscape: false,
		blocks: cited.annex
	});
	const missingTranslations: MissingTranslation[] = [...ctx.missing.values()];
	return {
		lang,
		layout: r.layout,
		title,
		titleText: plain(title),
		subtitle: `${t('reportDoc.kind')} · ${t(`reportDoc.layout.${r.layout}`)}`,
		programme,
		cover: { facts, hashLabel: t('reportDoc.fact.hash'), hashPending: t('reportDoc.hashPending') },
		toc: {
			title: t('reportDoc.toc'),
			entries: [
				...sections.map((s) => ({ id: s.id, title: `${s.number}. ${s.title}`, level: 1 as const })),
				...annexes.map((a) => ({ id: a.id, title: a.title, level: 1 as const }))
			]
		},
		sections,
		annexes,
		records: cited.records,
		missingTranslations,
		labels: {
			footer: t('reportDoc.footer', { hash: '{hash}' }),
			page: t('reportDoc.page', { page: '{page}', pages: '{pages}' }),
			fallbackNote: missingTranslations.length ? t('reportDoc.fallbackNote') : null,
			rating: t('reportDoc.rating'),
			ratingScale: t('reportDoc.ratingScale'),
			justification: t('reportDoc.justification'),
			narrative: t('reportDoc.narrative'),
			evidence: t('reportDoc.evidence')
		},
		meta: {
			programmeCode: snapshot.programme.code,
			issueNumber: r.issueNumber,
			issuedAt: r.issuedAt,
			issuedBy: r.issuedBy,
			cutOff: r.cutOff
		}
	};
}

/** One section as the report prints it (the editor shows it beside the narrative being written). */
export function composeSection(snapshot: ReportSnapshot, key: SectionKey, lang: Locale): DocSection | null {
	const outline = OUTLINES[snapshot.report.layout];
	const at = outline.findIndex((s) => s.key === key);
	if (at < 0) return null;
	return sectionOf(new ComposeContext(snapshot, lang), outline[at]!, at + 1);
}

/** Content texts the report in `lang` prints without a translation (in their original, marked). */
export function missingTranslations(snapshot: ReportSnapshot, lang: Locale): MissingTranslation[] {
	return composeReport(snapshot, lang).missingTranslations;
}
