import type { Locale } from '$lib/model';
import { formatNumber } from './format';
import { admin } from './messages/admin';
import { api } from './messages/api';
import { audit } from './messages/audit';
import { auth } from './messages/auth';
import { common } from './messages/common';
import { content } from './messages/content';
import { exportMessages } from './messages/exports';
import { dashboard } from './messages/dashboard';
import { gender } from './messages/gender';
import { imports } from './messages/imports';
import { inbox } from './messages/inbox';
import { indicators } from './messages/indicators';
import { logframe } from './messages/logframe';
import { programmes } from './messages/programmes';
import { recommendations } from './messages/recommendations';
import { reportDocument } from './messages/report-document';
import { reportEditor } from './messages/report-editor';
import { results } from './messages/results';
import { risks } from './messages/risks';
import { notifications } from './messages/notifications';
import { secondFactor } from './messages/second-factor';
import { finance } from './messages/finance';
import { reportJobs } from './messages/report-jobs';
import { coordinator, milestoneMessages, setupMessages } from './messages/coordinator';
import { reportTruth } from './messages/report-truth';
import { forecast } from './messages/forecast';
import { library } from './messages/library';
import { dialogue } from './messages/dialogue';
import { evaluation } from './messages/evaluation';
import { reportScreens } from './messages/report-screens';
import { financeImport } from './messages/finance-import';
import { reportDonor } from './messages/report-donor';
import { reportFiles } from './messages/report-files';
import { reportIssues } from './messages/report-issues';
import { signInOidc } from './messages/sign-in-oidc';
import { reportDue } from './messages/report-due';
import { reportOutcomes } from './messages/report-outcomes';
import { importRoundTrip } from './messages/import-round-trip';
import { financeRevisions } from './messages/finance-revisions';
import { asOfMessages } from './messages/as-of';
import { financeReport } from './messages/finance-report';
import { reportOutcomeFigures } from './messages/report-outcome-figures';
import { teamMessages } from './messages/team';
import { reportFixes } from './messages/report-fixes';
import { forecastClosed } from './messages/forecast-closed';
import { reportDialogue } from './messages/report-dialogue';

// Each domain keeps its own messages file; this is where they are joined into one catalogue.
const catalogues = [
	common,
	content,
	auth,
	admin,
	audit,
	programmes,
	logframe,
	results,
	indicators,
	risks,
	gender,
	recommendations,
	inbox,
	exportMessages,
	api,
	dashboard,
	reportDocument,
	reportEditor,
	imports,
	notifications,
	secondFactor,
	finance,
	reportJobs,
	coordinator,
	milestoneMessages,
	setupMessages,
	reportTruth,
	forecast,
	library,
	dialogue,
	evaluation,
	reportScreens,
	financeImport,
	reportDonor,
	reportFiles,
	reportIssues,
	signInOidc,
	reportDue,
	reportOutcomes,
	importRoundTrip,
	financeRevisions,
	asOfMessages,
	financeReport,
	reportOutcomeFigures,
	teamMessages,
	reportFixes,
	forecastClosed,
	reportDialogue
] as const;

// Tail-recursive (the accumulator), so TypeScript's deeper limit for such types applies: with a
// plain recursion, a 49th catalogue made the type "excessively deep".
type Merge<T extends readonly { es: Record<string, string> }[], Acc = unknown> = T extends readonly [
	infer Head extends { es: Record<string, string> },
	...infer Tail extends readonly { es: Record<string, string> }[]
]
	? Merge<Tail, Acc & Head['es']>
	: Acc;

type Spanish = Merge<typeof catalogues>;
export type MessageKey = keyof Spanish & string;

type ParamNames<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
export type MessageParams<K extends MessageKey> = Record<ParamNames<Spanish[K]>, string | number>;
/** A key takes a params object exactly when its Spanish text has placeholders. */
export type MessageArgs<K extends MessageKey> = [ParamNames<Spanish[K]>] extends [never] ? [] : [MessageParams<K>];

const messages: Record<Locale, Record<string, string>> = {
	es: Object.assign({}, ...catalogues.map((c) => c.es)),
	en: Object.assign({}, ...catalogues.map((c) => c.en))
};

function formatParam(locale: Locale, value: string | number): string {
	return typeof value === 'string' ? value : formatNumber(locale, value);
}

export function isMessageKey(key: string): key is MessageKey {
	return key in messages.es;
}

/** The text of `key` in `locale`, with `{placeholders}` filled in (numbers formatted for the locale). */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
	const text = messages[locale][key] ?? messages.es[key] ?? key;
	const params = args[0] as Record<string, string | number> | undefined;
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? formatParam(locale, params[name]!) : whole));
}

/** For keys built at run time from an enum value (e.g. `activityStatus.${status}`). */
export function translateDynamic(locale: Locale, key: string, params?: Record<string, string | number>): string {
	if (!isMessageKey(key)) return key;
	return (translate as (l: Locale, k: string, p?: Record<string, string | number>) => string)(locale, key, params);
}

export function allMessageKeys(locale: Locale): string[] {
	return Object.keys(messages[locale]);
}
