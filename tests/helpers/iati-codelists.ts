import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Checks an IATI activity file against the official codelists vendored beside the schema
// (src/lib/server/exchange/iati/codelists/): IATI's own mapping.xml says which attribute is read
// against which codelist (with its vocabulary conditions), so the check covers every code the file
// emits, including codes a later change adds, not only the ones a test thought to list.

const DIR = 'src/lib/server/exchange/iati/codelists';

/** Every vendored codelist's codes, by codelist name. */
export function codelists(): Map<string, Set<string>> {
	const lists = new Map<string, Set<string>>();
	for (const file of readdirSync(DIR).filter((f) => f.endsWith('.xml') && f !== 'mapping.xml')) {
		const xml = readFileSync(join(DIR, file), 'utf8');
		const name = /<codelist\b[^>]*\bname="([^"]+)"/.exec(xml)?.[1];
		if (!name) throw new Error(`${file} is not a codelist`);
		lists.set(name, new Set([...xml.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => m[1]!.trim())));
	}
	return lists;
}

interface Mapping {
	/** The element path after `//`, e.g. ['iati-activity', 'sector']; empty for `//@xml:lang`. */
	elements: string[];
	attribute: string;
	codelist: string;
	/** `@vocabulary = 'X'` (and whether a missing vocabulary also counts), or none. */
	condition: { attribute: string; value: string; orAbsent: boolean } | null;
}

function mappings(): Mapping[] {
	const xml = readFileSync(join(DIR, 'mapping.xml'), 'utf8');
	const out: Mapping[] = [];
	for (const [, body] of xml.matchAll(/<mapping>([\s\S]*?)<\/mapping>/g)) {
		const path = /<path>([^<]+)<\/path>/.exec(body!)![1]!.trim();
		const codelist = /<codelist ref="([^"]+)"/.exec(body!)![1]!;
		const at = /^\/\/(.*?)\/?@([\w:-]+)$/.exec(path);
		if (!at) continue; // text() mappings (crs-add/channel-code): an element the export never writes
		const cond = /<condition>\s*@([\w-]+) = '([^']+)'( or not\(@[\w-]+\))?\s*<\/condition>/.exec(body!);
		out.push({
			elements: at[1] ? at[1].split('/') : [],
			attribute: at[2]!,
			codelist,
			condition: cond ? { attribute: cond[1]!, value: cond[2]!, orAbsent: !!cond[3] } : null
		});
	}
	return out;
}

interface Coded {
	path: string[];
	attribute: string;
	value: string;
	attributes: Record<string, string>;
}

/** Every attribute of every element, with the element's path from the root (the export writes plain, well-formed XML). */
function attributesOf(xml: string): Coded[] {
	const stack: string[] = [];
	const out: Coded[] = [];
	for (const [, close, name, rest, selfClose] of xml.matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>/g)) {
		if (close) {
			stack.pop();
			continue;
		}
		const path = [...stack, name!];
		const attributes = Object.fromEntries([...rest!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
		for (const [attribute, value] of Object.entries(attributes)) out.push({ path, attribute, value, attributes });
		if (!selfClose) stack.push(name!);
	}
	return out;
}

export interface CodelistCheck {
	/** Codes the file emits that are not in their codelist, as `element/@attribute=value (Codelist)`. */
	unknown: string[];
	/** The codelists the file's codes were checked against (so a test can see the check was not empty). */
	checked: Set<string>;
	/** Codelists a mapping names that are not vendored, with the attribute that needs them. */
	missing: string[];
}

/** Checks every coded attribute of an IATI activity file against the vendored official codelists. */
export function checkCodelists(xml: string): CodelistCheck {
	const lists = codelists();
	const maps = mappings();
	const result: CodelistCheck = { unknown: [], checked: new Set(), missing: [] };
	for (const a of attributesOf(xml.replace(/<\?[^>]*\?>/g, ''))) {
		for (const m of maps) {
			if (m.attribute !== a.attribute) continue;
			const tail = a.path.slice(a.path.length - m.elements.length);
			if (m.elements.length > a.path.length || tail.join('/') !== m.elements.join('/')) continue;
			if (m.condition) {
				const v = a.attributes[m.condition.attribute];
				if (!(v === m.condition.value || (v === undefined && m.condition.orAbsent))) continue;
			}
			const list = lists.get(m.codelist);
			const where = `${a.path.at(-1)}/@${a.attribute}=${a.value} (${m.codelist})`;
			if (!list) result.missing.push(where);
			else {
				result.checked.add(m.codelist);
				if (!list.has(a.value)) result.unknown.push(where);
			}
		}
	}
	return result;
}
