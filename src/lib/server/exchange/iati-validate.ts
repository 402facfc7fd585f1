import { validateXML } from 'xmllint-wasm';
import activitiesSchema from './iati/schema/iati-activities-schema.xsd?raw';
import commonSchema from './iati/schema/iati-common.xsd?raw';
import xmlSchema from './iati/schema/xml.xsd?raw';

// Validates an IATI file against the official 2.03 schema (copied into the repo, bundled as text)
// before it is served. xmllint-wasm runs libxml2 in a worker thread of its own for each call, so
// a crash or an out-of-memory inside libxml ends that worker, never the server.

export interface IatiValidation {
	valid: boolean;
	errors: string[];
}

/** 128 MiB of WebAssembly memory: a 300-indicator file (≈1.5 MB) needs far less. */
const MAX_MEMORY_PAGES = 2048;

/** One validation at a time: each holds a worker and up to MAX_MEMORY_PAGES of memory. */
let queue: Promise<unknown> = Promise.resolve();

export function validateIati(xml: string): Promise<IatiValidation> {
	const turn = queue.then(() => validateNow(xml));
	queue = turn.catch(() => {});
	return turn;
}

async function validateNow(xml: string): Promise<IatiValidation> {
	try {
		const result = await validateXML({
			xml: [{ fileName: 'activity.xml', contents: xml }],
			schema: [{ fileName: 'iati-activities-schema.xsd', contents: activitiesSchema }],
			preload: [
				{ fileName: 'iati-common.xsd', contents: commonSchema },
				{ fileName: 'xml.xsd', contents: xmlSchema }
			],
			maxMemoryPages: MAX_MEMORY_PAGES
		});
		return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
	} catch (e) {
		// libxml could not run at all (not a validation answer): never serve what was not checked.
		return { valid: false, errors: [`validator failed: ${(e as Error).message}`] };
	}
}
