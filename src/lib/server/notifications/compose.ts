import type { Locale } from '$lib/model';
import { translate } from '$lib/i18n/translate';
import { publicOrigin } from '../core/public-origin';

// Composes a message's text and html from sentences already in the reader's language. No
// images, no tracking pixels, no redirecting links: every link is the page itself.

export function absoluteUrl(path: string): string {
	return publicOrigin() + path;
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface NoticeText {
	subject: string;
	/** One or more sentences; line breaks are kept. */
	body: string;
}

/** The part of a notice that also goes into a digest: its sentences and its link. */
export function noticeCore(locale: Locale, notice: NoticeText, link: string): { text: string; html: string } {
	const url = absoluteUrl(link);
	return {
		text: `${notice.body}\n${translate(locale, 'mail.open', { url })}`,
		html:
			`<p>${escapeHtml(notice.body).replace(/\n/g, '<br>')}</p>` +
			`<p><a href="${escapeHtml(url)}">${escapeHtml(translate(locale, 'mail.openLink'))}</a></p>`
	};
}

export interface Envelope {
	locale: Locale;
	name: string;
	programme: string | null;
	unsubscribeUrl: string;
	/** The digest's own unsubscribe sentence instead of the one for a single kind. */
	digest?: boolean;
}

/** A whole message around its parts: greeting, the parts, why it came, how to stop it. */
export function wrapMessage(envelope: Envelope, parts: { text: string; html: string }[]): { text: string; html: string } {
	const { locale } = envelope;
	const greeting = translate(locale, 'mail.greeting', { name: envelope.name });
	const why = envelope.programme
		? translate(locale, 'mail.footer', { programme: envelope.programme })
		: translate(locale, 'mail.footerNoProgramme');
	const prefsUrl = absoluteUrl('/account');
	const prefs = translate(locale, 'mail.preferences', { url: prefsUrl });
	const stop = envelope.digest
		? translate(locale, 'mail.digestUnsubscribe', { url: envelope.unsubscribeUrl })
		: translate(locale, 'mail.unsubscribe', { url: envelope.unsubscribeUrl });
	const text = [greeting, '', ...parts.flatMap((p) => [p.text, '']), '--', why, prefs, stop].join('\n');
	const html =
		`<!doctype html><html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.5;">` +
		`<p>${escapeHtml(greeting)}</p>` +
		parts.map((p) => p.html).join('<hr>') +
		`<hr><p style="font-size: 0.9em;">${escapeHtml(why)}<br>` +
		`<a href="${escapeHtml(prefsUrl)}">${escapeHtml(prefsUrl)}</a><br>` +
		`<a href="${escapeHtml(envelope.unsubscribeUrl)}">${escapeHtml(translate(locale, 'mail.unsubscribeLink'))}</a></p>` +
		`</body></html>`;
	return { text, html };
}
