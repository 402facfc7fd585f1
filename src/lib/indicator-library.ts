import type { Direction, Measure } from './model';

// The rules of the shared indicator library (issue 25), pure and in one place: when two indicators
// measure in compatible units (so their figures may stand on one axis), and where a programme's
// indicator differs from the library entry it links to (it inherits nothing silently).

/** Words for the same unit in either language, folded to one family. */
const UNIT_FAMILIES: Record<string, string> = {
	'%': 'percent',
	porcentaje: 'percent',
	percent: 'percent',
	percentage: 'percent',
	'por ciento': 'percent',
	personas: 'people',
	persona: 'people',
	people: 'people',
	persons: 'people',
	person: 'people',
	beneficiarios: 'people',
	beneficiaries: 'people',
	talleres: 'events',
	taller: 'events',
	workshops: 'events',
	workshop: 'events',
	eventos: 'events',
	events: 'events',
	sesiones: 'events',
	sessions: 'events',
	reuniones: 'events',
	meetings: 'events',
	'seminarios web': 'events',
	webinars: 'events',
	usd: 'usd',
	us$: 'usd',
	dolares: 'usd',
	dollars: 'usd'
};

/** A unit folded for comparison: lower case, no accents, no extra spaces, synonyms merged. */
export function unitFamily(unit: string): string {
	const folded = unit.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
	return UNIT_FAMILIES[folded] ?? folded;
}

/**
 * The one unit rule, for the compatibility check and the differences list alike: two units agree
 * when they fold to the same family, or when either is blank (a blank unit is a plain count or
 * rate, read as the other's).
 */
export function unitsAgree(a: string, b: string): boolean {
	return a.trim() === '' || b.trim() === '' || unitFamily(a) === unitFamily(b);
}

export interface Comparable {
	measure: Measure;
	unit: string;
	direction: Direction;
}

export const INCOMPATIBILITIES = ['measure', 'unit', 'direction'] as const;
export type Incompatibility = (typeof INCOMPATIBILITIES)[number];

/**
 * Why `indicator` cannot stand on the entry's axis, or null when it can: the same kind of measure,
 * the same unit family (a blank unit counts as the entry's: a plain count or rate), the same
 * direction. Milestones and texts are never charted.
 */
export function incompatibility(entry: Comparable, indicator: Comparable): Incompatibility | null {
	if (entry.measure !== indicator.measure || (indicator.measure !== 'number' && indicator.measure !== 'percentage')) return 'measure';
	if (indicator.measure === 'number' && !unitsAgree(entry.unit, indicator.unit)) return 'unit';
	if (entry.direction !== indicator.direction) return 'direction';
	return null;
}

export const DIFFERENCE_FIELDS = ['measure', 'unit', 'direction', 'disaggregatedBySex'] as const;
export type DifferenceField = (typeof DIFFERENCE_FIELDS)[number];

export interface Difference {
	field: DifferenceField;
	entry: string;
	indicator: string;
}

/**
 * Where a programme indicator departs from its library entry: the reference sheet fields both
 * have. Disaggregation by sex counts as a difference when the entry asks for it and the indicator
 * is not split.
 */
export function differencesFromEntry(
	entry: Comparable & { disaggregations: string },
	indicator: Comparable & { disaggregatedBySex: boolean }
): Difference[] {
	const out: Difference[] = [];
	if (entry.measure !== indicator.measure) out.push({ field: 'measure', entry: entry.measure, indicator: indicator.measure });
	if (!unitsAgree(entry.unit, indicator.unit)) out.push({ field: 'unit', entry: entry.unit, indicator: indicator.unit });
	if (entry.direction !== indicator.direction) out.push({ field: 'direction', entry: entry.direction, indicator: indicator.direction });
	const entryBySex = /\b(sex|sexo)\b/i.test(entry.disaggregations);
	if (entryBySex && !indicator.disaggregatedBySex) out.push({ field: 'disaggregatedBySex', entry: 'yes', indicator: 'no' });
	return out;
}
