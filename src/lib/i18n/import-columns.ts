import type { I18n } from './context';

/**
 * The header a reader sees for a column an import error names: a period's milestone column is its
 * label ("2026-S1"), its women and men columns are "2026-S1 · women" / "· men" as the template
 * writes them (review of issue 22: a raw key "import.col.lf.women:2026-S1" was printed), and the
 * other columns their catalogue header (values import first, then the logframe's).
 */
export function importColumnLabel(i18n: I18n, column: string): string {
	const colon = column.indexOf(':');
	if (colon > 0) {
		const kind = column.slice(0, colon);
		const period = column.slice(colon + 1);
		if (kind === 'period') return period;
		if (kind === 'women') return i18n.t('import.lf.periodWomen', { period });
		if (kind === 'men') return i18n.t('import.lf.periodMen', { period });
	}
	return i18n.td(`import.col.${column}`) === `import.col.${column}` ? i18n.td(`import.col.lf.${column}`) : i18n.td(`import.col.${column}`);
}
