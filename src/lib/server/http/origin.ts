import type { Locale } from '$lib/model';
import { translate } from '$lib/i18n/translate';
import { originSettings, type OriginSettings } from '../core/public-origin';

// Cross-site request forgery. A browser says which page a request comes from (`Origin`, and
// `Sec-Fetch-Site`); only Avance's own pages may change anything, whatever the method or the
// content type (SvelteKit's own check covers form content types only, so a bodiless POST
// /logout from another site got through). The hook runs this for every request instead of
// SvelteKit's check, which svelte.config.js turns off.
//
// Which origin is Avance's own: ORIGIN when it is set (a server behind its public address).
// Without it (the demo, `npm start` on a laptop), the address the browser used, as long as it is
// this machine under one of its loopback names or the HOST the server was told to bind: then
// http://localhost:3000 and http://127.0.0.1:3000 both work, and a DNS name pointed at the
// server by a stranger does not.

// ORIGIN and HOST are read in core/public-origin.ts, the one home of Avance's own address.
export { originSettings, publicOrigin, type OriginSettings } from '../core/public-origin';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The origin whose pages may send forms to this request's address, or null when none may. */
export function acceptedOrigin(url: URL, settings: OriginSettings): string | null {
	if (settings.configured) return settings.configured;
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return LOOPBACK.has(url.hostname) || host === settings.boundHost ? url.origin : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** True when `request` would change something on behalf of a page that is not Avance's own. */
export function isForeignWrite(request: Request, accepted: string | null): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== accepted;
	// No Origin (older browsers, some privacy settings): fall back on what Fetch Metadata says…
	const site = request.headers.get('sec-fetch-site');
	if (site !== null) return site !== 'same-origin' && site !== 'none';
	// …and refuse an unattributed form post, as SvelteKit does; a script with no browser around
	// it (curl, an import tool) carries no ambient cookie to abuse.
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

interface Explanation {
	title: string;
	lines: string[];
}

/** What to tell someone whose form was refused: where it came from, what to open, what to set. */
function explain(locale: Locale, request: Request, url: URL, settings: OriginSettings, accepted: string | null): Explanation {
	const from = request.headers.get('origin');
	const lines = [from && from !== 'null' ? translate(locale, 'origin.whyFrom', { from }) : translate(locale, 'origin.whyUnknown')];
	const open = accepted ?? `http://localhost${url.port ? `:${url.port}` : ''}`;
	lines.push(translate(locale, 'origin.open', { address: open }));
	if (!settings.configured && !accepted) lines.push(translate(locale, 'origin.setOrigin', { address: url.origin }));
	return { title: translate(locale, 'origin.title'), lines };
}

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The answer to a refused request. A form sent by `use:enhance` gets an action result, so the
 * page shows the reason instead of doing nothing; anything else gets a small page in both
 * languages (the reader's choice of language may not be known on a foreign request).
 */
export function foreignWriteResponse(request: Request, url: URL, settings: OriginSettings, locale: Locale): Response {
	const accepted = acceptedOrigin(url, settings);
	if (request.headers.get('x-sveltekit-action') === 'true') {
		const { title, lines } = explain(locale, request, url, settings, accepted);
		return new Response(JSON.stringify({ type: 'error', error: { message: title, hint: lines.join(' ') } }), {
			status: 403,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	}
	const sections = (['es', 'en'] as const).map((l) => {
		const { title, lines } = explain(l, request, url, settings, accepted);
		return `<section lang="${l}"><h1>${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</section>`;
	});
	const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 · Avance</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}section+section{border-top:1px solid #d1d5db;margin-top:1.5rem}h1{font-size:1.25rem}</style></head><body>${sections.join('')}</body></html>`;
	return new Response(html, {
		status: 403,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
		}
	});
}

/** An address of Avance's own at `path`: under ORIGIN when set, else where this request came (e.g. the OpenID callback). */
export function publicUrl(url: URL, path: string, settings: OriginSettings = originSettings()): URL {
	return new URL(path, settings.configured ?? url.origin);
}
