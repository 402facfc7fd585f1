import { titleIn } from '$lib/content-language';
import type { ComposeContext } from './compose-context';
import { correctionReasonText } from './fact-texts';
import type { DocBlock, DocInline } from './document';
import type { SnapshotChange } from './what-changed';

// The generated block "What changed since the last issue": one sentence per change, in the
// report's language, each opening with the code of its record, linked to its row in "Records
// cited". Rule-based: every sentence is one item of snapshot.changes, nothing else.

function sentence(ctx: ComposeContext, c: SnapshotChange): DocInline[] {
	const { t, i18n, snapshot } = ctx;
	const indicator = (id: number) => snapshot.indicators.find((i) => i.id === id);
	const figure = (id: number, v: number | null) => {
		const i = indicator(id);
		return i ? ctx.value(i, v) : i18n.number(v ?? 0);
	};
	const lead = (code: string, key: string): DocInline[] => [ctx.ref(code, key), { type: 'text', text: ': ' }];
	switch (c.kind) {
		case 'indicator_status':
			return [
				...lead(indicator(c.indicatorId)?.code ?? c.key, c.key),
				...ctx.text(t('reportDoc.changed.indicatorStatus', { from: i18n.td(`status.${c.from}`), to: i18n.td(`status.${c.to}`) }))
			];
		case 'value_new':
			return [
				...lead(`${indicator(c.indicatorId)?.code ?? ''} ${c.period}`.trim(), c.key),
				...ctx.text(t('reportDoc.changed.valueNew', { value: figure(c.indicatorId, c.to) }))
			];
		case 'value_changed':
			return [
				...lead(`${indicator(c.indicatorId)?.code ?? ''} ${c.period}`.trim(), c.key),
				...ctx.text(t('reportDoc.changed.valueChanged', { from: figure(c.indicatorId, c.from), to: figure(c.indicatorId, c.to) }))
			];
		case 'target_changed':
			return [
				...lead(indicator(c.indicatorId)?.code ?? c.key, c.key),
				...ctx.text(t('reportDoc.changed.target', { from: figure(c.indicatorId, c.from), to: figure(c.indicatorId, c.to) }))
			];
		case 'gap':
			return [
				...lead(indicator(c.indicatorId)?.code ?? c.key, c.key),
				...ctx.text(
					t(c.trend === 'widened' ? 'reportDoc.changed.gapWidened' : 'reportDoc.changed.gapNarrowed', {
						from: figure(c.indicatorId, c.from),
						to: figure(c.indicatorId, c.to)
					})
				)
			];
		case 'activity_status': {
			const a = snapshot.activities.find((x) => x.id === c.activityId);
			return [
				...lead(a?.code ?? c.key, c.key),
				...ctx.text(t('reportDoc.changed.activity', { from: i18n.td(`activityStatus.${c.from}`), to: i18n.td(`activityStatus.${c.to}`) }))
			];
		}
		case 'risk_score': {
			const r = snapshot.risks.find((x) => x.id === c.riskId);
			return [
				...lead(r?.code || c.key, c.key),
				...ctx.text(t('reportDoc.changed.riskScore', { from: i18n.number(c.from), to: i18n.number(c.to) }))
			];
		}
		case 'risk_status': {
			const r = snapshot.risks.find((x) => x.id === c.riskId);
			return [
				...lead(r?.code || c.key, c.key),
				...ctx.text(t('reportDoc.changed.riskStatus', { from: i18n.td(`riskStatus.${c.from}`), to: i18n.td(`riskStatus.${c.to}`) }))
			];
		}
		case 'check_turned': {
			const r = snapshot.risks.find((x) => x.id === c.riskId);
			return [
				...lead(r?.code || c.key, c.key),
				...ctx.text(t('reportDoc.changed.check', { from: i18n.td(`assumptionResult.${c.from}`), to: i18n.td(`assumptionResult.${c.to}`) }))
			];
		}
		case 'recommendation_status': {
			const r = snapshot.recommendations.find((x) => x.id === c.recommendationId);
			return [
				...lead(r?.code ?? c.key, c.key),
				...ctx.text(
					t('reportDoc.changed.recommendation', { from: i18n.td(`adoptionStatus.${c.from}`), to: i18n.td(`adoptionStatus.${c.to}`) })
				)
			];
		}
		case 'key_actions': {
			const r = snapshot.recommendations.find((x) => x.id === c.recommendationId);
			return [
				...lead(r?.code ?? c.key, c.key),
				...ctx.text(t('reportDoc.changed.keyActions', { from: i18n.number(c.from), to: i18n.number(c.to), total: i18n.number(c.total) }))
			];
		}
		case 'section_text':
			return ctx.text(t('reportDoc.changed.section', { section: t(`reportDoc.section.${c.section}`) }));
	}
}

export function whatChangedBlock(ctx: ComposeContext): DocBlock[] {
	const { t, i18n, snapshot } = ctx;
	const changes = snapshot.changes;
	if (!changes) return [];
	const blocks: DocBlock[] = [];
	if (snapshot.report.correctionReason) {
		// The sentence around the reason, the reason itself in the reader's language (or marked).
		const [before = '', after = ''] = t('reportDoc.changed.reason', { reason: '\u0000' }).split('\u0000');
		blocks.push({ type: 'paragraph', inlines: [...ctx.text(before), ...correctionReasonText(ctx), ...ctx.text(after)] });
	}
	if (!changes.since) {
		blocks.push({ type: 'note', inlines: ctx.text(t('reportDoc.changed.first')) });
		return blocks;
	}
	const title = titleIn(changes.since.title, ctx.lang);
	blocks.push({
		type: 'paragraph',
		inlines: ctx.text(
			t(changes.since.reportId === snapshot.report.id ? 'reportDoc.changed.sinceIssue' : 'reportDoc.changed.sinceReport', {
				n: changes.since.issueNumber,
				title,
				cutOff: i18n.date(changes.since.cutOff)
			})
		)
	});
	if (changes.items.length === 0) blocks.push({ type: 'note', inlines: ctx.text(t('reportDoc.changed.none')) });
	else blocks.push({ type: 'list', ordered: false, items: changes.items.map((c) => sentence(ctx, c)) });
	return blocks;
}
