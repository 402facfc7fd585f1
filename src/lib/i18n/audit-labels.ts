import type { I18n } from './context';
import { isMessageKey } from './translate';

/** The word for an audit entity, action or field code; an unknown code shows as itself. */
export function auditLabel(i18n: I18n, kind: 'entity' | 'action' | 'field', code: string): string {
	const key = `audit.${kind}.${code}`;
	return isMessageKey(key) ? i18n.td(key) : code;
}
