import type { IndicatorStatus } from '$lib/model';

// The Okabe–Ito palette: eight colours that stay apart for the common colour-vision deficiencies.
// Colour is never the only signal: every chart also carries words, numbers, dashes or point shapes.
export const OKABE_ITO = {
	orange: '#E69F00',
	skyBlue: '#56B4E9',
	bluishGreen: '#009E73',
	yellow: '#F0E442',
	blue: '#0072B2',
	vermillion: '#D55E00',
	reddishPurple: '#CC79A7',
	black: '#000000',
	grey: '#999999',
	lightGrey: '#DDDDDD'
} as const;

/** The fill of each indicator status, and the text colour that reads on it (contrast ≥ 4.5:1). */
export const STATUS_COLOURS: Record<IndicatorStatus, { fill: string; text: string }> = {
	achieved: { fill: OKABE_ITO.blue, text: '#FFFFFF' },
	on_track: { fill: OKABE_ITO.bluishGreen, text: '#000000' },
	at_risk: { fill: OKABE_ITO.orange, text: '#000000' },
	off_track: { fill: OKABE_ITO.vermillion, text: '#000000' },
	no_data: { fill: OKABE_ITO.grey, text: '#000000' },
	not_started: { fill: OKABE_ITO.lightGrey, text: '#000000' },
	not_yet: { fill: OKABE_ITO.skyBlue, text: '#000000' },
	overdue: { fill: OKABE_ITO.reddishPurple, text: '#000000' },
	reported: { fill: OKABE_ITO.yellow, text: '#000000' }
};

/** A sequence for series that are not statuses (women, men, rungs…), each with its readable text colour. */
export const SERIES_COLOURS: readonly { fill: string; text: string }[] = [
	{ fill: OKABE_ITO.blue, text: '#FFFFFF' },
	{ fill: OKABE_ITO.orange, text: '#000000' },
	{ fill: OKABE_ITO.bluishGreen, text: '#000000' },
	{ fill: OKABE_ITO.reddishPurple, text: '#000000' },
	{ fill: OKABE_ITO.skyBlue, text: '#000000' },
	{ fill: OKABE_ITO.vermillion, text: '#000000' },
	{ fill: OKABE_ITO.yellow, text: '#000000' },
	{ fill: OKABE_ITO.grey, text: '#000000' }
];

/** How a series line looks: colour, dash pattern and point shape (so lines differ without colour). */
export interface LineStyle {
	colour: string;
	dash: number[];
	point: 'triangle' | 'rect' | 'circle' | 'rectRot';
}

/** Women and men keep the same colour, dash and point shape on every chart. */
export const SEX_STYLE: { women: LineStyle; men: LineStyle } = {
	women: { colour: OKABE_ITO.reddishPurple, dash: [2, 3], point: 'triangle' },
	men: { colour: OKABE_ITO.bluishGreen, dash: [10, 3, 2, 3], point: 'rect' }
};
