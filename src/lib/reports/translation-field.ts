import { isMessageKey } from '$lib/i18n/translate';

// The name of a text that lacks its translation, as the editor's "texts without a translation"
// list prints it ("Diálogo social … · cuerpo → inglés"). The composer tags each translated text
// with the field it came from; some are compound (`donor.targetGroups`, `key_action.2`). A field
// without a label of its own is named "text" — never the raw message key (review 4, F13).

/** The catalogue key that names `field`. */
export function translationFieldLabel(field: string): string {
	const [head, tail] = field.split('.', 2) as [string, string | undefined];
	if (head === 'donor' && tail && isMessageKey(`donorDoc.fact.${tail}`)) return `donorDoc.fact.${tail}`;
	const own = `reports.field.${head === 'key_action' ? 'action' : head}`;
	return isMessageKey(own) ? own : 'reports.field.text';
}
