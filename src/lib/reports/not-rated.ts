import { RATINGS, type Rating } from './outline';

// "Not rated", as ILO evaluations allow (issue 19): a criterion may be left unrated only with a
// justification, which is the reason printed with it. Stored in the section's rating column as
// its own choice, so a rating merely forgotten (empty) still blocks the issue.

export const NOT_RATED = 'not_rated' as const;
export const RATING_CHOICES = [...RATINGS, NOT_RATED] as const;
export type RatingChoice = Rating | typeof NOT_RATED;

/** The stored rating read back: a rating of the scale, "not rated", or none given. */
export function readRating(stored: string | null): { rating: Rating | null; notRated: boolean } {
	if (stored === NOT_RATED) return { rating: null, notRated: true };
	return { rating: (RATINGS as readonly string[]).includes(stored ?? '') ? (stored as Rating) : null, notRated: false };
}
