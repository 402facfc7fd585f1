// The kinds of notice Avance mails and the choices a person has for each (issue 23); shared by
// the server, the account page and the audit log's words.

export const NOTIFICATION_KINDS = [
	'value_returned',
	'value_to_review',
	'period_due',
	'key_action_due',
	'risk_review_due',
	'import_finished',
	'report_comment',
	'report_issued',
	'report_blocked'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DIGEST_CHOICES = ['daily', 'weekly', 'off'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];
/** Per kind: in the digest (no row), at once, or never. */
export const KIND_DELIVERIES = ['digest', 'immediate', 'off'] as const;
export type KindDelivery = (typeof KIND_DELIVERIES)[number];
