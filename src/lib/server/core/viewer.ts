/**
 * Who reads a page, as every read model needs to know it. Built once per request from the user's
 * role in the programme (http/guards), so read models never look at roles themselves.
 */
export interface Viewer {
	id: number;
	/** Sees drafts, open values, internal notes, comments and audit trails: everyone but donors. */
	internal: boolean;
	/** The role may approve or return values; the four-eyes rule still decides value by value. */
	canReview: boolean;
}
