import type { Renderers } from './issue';
import { renderDocx } from './render/docx';
import { renderPdf } from './render/pdf';

// The renderers the issue path uses: the PDF (pdfmake) and the DOCX (docx), both from the snapshot.
export const renderers: Renderers = { pdf: renderPdf, docx: renderDocx };
