import type { LocalizedText } from '$lib/content-language';

/** A content text for a chart's canvas, which cannot mark a language: the fallback mark in words. */
export function plainText(text: LocalizedText): string {
	return text.fallback ? `${text.text} (${text.lang})` : text.text;
}
