import type { MessageKey } from './i18n/translate';

// After a successful POST an action redirects (303) with `?notice=…`, which the page shows as a
// short message. Only these words are ever shown: the server writes them, the Notice component
// reads them, both from this one list.
export const NOTICE_MESSAGES = {
	saved: 'common.saved',
	draft: 'value.saved',
	created: 'common.created',
	deleted: 'common.deleted',
	moved: 'logframe.moved',
	submitted: 'value.submitted',
	approved: 'value.approved',
	returned: 'value.returned',
	commented: 'comments.added',
	targets: 'indicator.targetsSaved',
	password: 'admin.passwordSet',
	unlocked: 'admin.unlocked',
	revoked: 'tokens.revoked',
	reportCreated: 'reports.created',
	sectionSaved: 'reports.sectionSaved',
	reportIssued: 'reports.issuedNotice',
	reportReopened: 'reports.reopened',
	reportCommented: 'reports.commentAdded',
	imported: 'import.noticeDone',
	prefsSaved: 'prefs.saved',
	retried: 'outbox.retried',
	totpReset: 'totp.adminResetDone',
	totpOn: 'totp.enrolled',
	reportQueued: 'reports.queuedNotice'
} as const satisfies Record<string, MessageKey>;

export type Notice = keyof typeof NOTICE_MESSAGES;

export function readNotice(params: URLSearchParams): Notice | null {
	const n = params.get('notice');
	return n !== null && Object.hasOwn(NOTICE_MESSAGES, n) ? (n as Notice) : null;
}
