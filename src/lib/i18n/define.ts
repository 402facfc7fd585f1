/**
 * Declares one domain's messages in both languages. Spanish is the source; the English entries
 * must have exactly the same keys, so a missing translation is a type error, not a blank screen.
 * Placeholders are written `{name}`.
 */
export function defineMessages<const Es extends Record<string, string>>(
	es: Es,
	en: { [K in keyof Es]: string }
): { es: Es; en: { [K in keyof Es]: string } } {
	return { es, en };
}
