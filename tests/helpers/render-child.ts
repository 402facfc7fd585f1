// Run in a child process by the scale tests: renders a snapshot file in one format and writes the
// file, so a test can give the render its own heap limit (`--max-old-space-size`).
// Usage: node --import tsx tests/helpers/render-child.ts <snapshot.json> <pdf|docx> <out>
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDocx } from '../../src/lib/server/reports/render/docx';
import { renderPdf } from '../../src/lib/server/reports/render/pdf';

const [file, format, out] = process.argv.slice(2);
const snapshot = JSON.parse(readFileSync(file!, 'utf8'));
const bytes =
	format === 'pdf'
		? await renderPdf(snapshot, 'es', { sha256: '0'.repeat(64) })
		: await renderDocx(snapshot, 'es', { sha256: '0'.repeat(64) });
writeFileSync(out!, bytes);
