import type { Renderers } from './issue';

// The renderers the issue path uses: the PDF (pdfmake) and the DOCX (docx) of render/.
// TEMPORARY until the renderer branch lands render/pdf.ts and render/docx.ts.
export const renderers: Renderers = {
	pdf: async () => {
		throw new Error('PDF renderer not available yet');
	},
	docx: async () => {
		throw new Error('DOCX renderer not available yet');
	}
};
