// The ILO's constituents (issue 25): government, employers' and workers' organisations, and others
// present (donors, civil society, the ILO itself). One list, one rule for "tripartite".

export const CONSTITUENTS = ['government', 'employers', 'workers', 'other'] as const;
export type Constituent = (typeof CONSTITUENTS)[number];

export const TAGGABLE = ['activity', 'output', 'recommendation'] as const;
export type Taggable = (typeof TAGGABLE)[number];

/** True when government, employers and workers all took part. */
export function isTripartite(present: Iterable<Constituent>): boolean {
	const set = new Set(present);
	return set.has('government') && set.has('employers') && set.has('workers');
}

/** How a constituent chip looks: a symbol as well as the word (never colour alone). */
// Symbols the PDF's bundled Roboto has a glyph for (■ ◊ ● ○), so a report prints them too; the
// group's name is always printed beside its symbol.
export const CONSTITUENT_SYMBOL: Record<Constituent, string> = { government: '■', employers: '◊', workers: '●', other: '○' };

/** A constituent from a query string (`?constituent=workers`); anything else means no filter. */
export function parseConstituent(raw: string | null | undefined): Constituent | null {
	return (CONSTITUENTS as readonly string[]).includes(raw ?? '') ? (raw as Constituent) : null;
}
