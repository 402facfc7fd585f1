// How a chart is drawn: in the page (responsive, animated unless the reader prefers less motion) or
// once, at a fixed size, by the report renderer under Node (no animation, no resize observer).
export interface ChartRender {
	/** True for a one-off drawing on a fixed-size canvas (reports): not responsive, no animation. */
	static?: boolean;
	/** The font family for every text (a registered TTF when drawing under Node). */
	fontFamily?: string;
}

export function renderOptions(render: ChartRender = {}) {
	return {
		responsive: !render.static,
		maintainAspectRatio: false,
		...(render.static ? { animation: false as const } : {})
	};
}

export function fontOf(render: ChartRender = {}, weight = 'normal', size = 12): string {
	return `${weight} ${size}px ${render.fontFamily ?? 'system-ui, sans-serif'}`;
}
