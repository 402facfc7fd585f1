import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/model';

/** The language of an i-eval export: `?lang=es|en`, by default English (the language of i-eval). */
export function ievalLocale(event: Pick<RequestEvent, 'url'>): Locale {
	return event.url.searchParams.get('lang') === 'es' ? 'es' : 'en';
}

export function attachment(body: string, name: string, contentType: string): Response {
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Cache-Control': 'private, no-store'
		}
	});
}
