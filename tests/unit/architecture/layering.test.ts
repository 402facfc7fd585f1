import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering of src/lib/server, read from the imports themselves, so that the next feature
// cannot quietly break it (README, "Architecture"):
//   http/ → domains → core/ → db/
// A folder imports only from its own layer or the ones below; domains never import http/; a
// domain reaches a sibling only through the sibling's read models and rules (never its writes),
// along the declared dependencies below, which must stay free of cycles; no barrel files.

const ROOT = resolve('src/lib');
const SERVER = join(ROOT, 'server');

const LAYER: Record<string, number> = { db: 0, core: 1, http: 3 };
const DOMAIN_LAYER = 2;

/** Which sibling domains each domain may read from. A new arrow here is a design decision. */
const DOMAIN_DEPENDENCIES: Record<string, string[]> = {
	auth: [],
	programmes: [],
	recommendations: ['programmes'],
	// The outbox is written in the event's transaction (issue 23): a domain whose events mail
	// someone calls its notify… function, which reads nothing of theirs.
	notifications: [],
	results: ['programmes', 'recommendations', 'notifications'],
	risks: ['programmes', 'results'],
	gender: ['programmes', 'results'],
	portfolio: ['programmes', 'results', 'risks', 'gender', 'recommendations'],
	inbox: ['programmes', 'results', 'risks', 'recommendations', 'reports'],
	exchange: ['programmes', 'results', 'risks', 'recommendations', 'notifications', 'finance'],
	api: ['programmes', 'results', 'risks', 'recommendations', 'auth', 'reports', 'finance', 'gender'],
	dashboard: ['programmes', 'results', 'risks', 'gender', 'recommendations', 'finance', 'dialogue'],
	reports: ['programmes', 'results', 'risks', 'gender', 'recommendations', 'notifications', 'finance', 'evaluation', 'dialogue'],
	finance: ['programmes', 'results'],
	library: ['programmes', 'results'],
	dialogue: ['programmes'],
	evaluation: ['programmes', 'results', 'recommendations', 'exchange']
};

/** Names that change data: a sibling domain never calls these (it would bypass the owner's rules). */
const WRITE_VERB =
	/^(create|update|delete|save|record|set|add|submit|approve|return|move|unlock|grant|revoke|write|drop|remove|store|discard|review(?!able)|check[A-Z].*Assumption)/;

interface Import {
	from: string;
	to: string;
	names: string[];
	typeOnly: boolean;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

function importsOf(file: string): Import[] {
	const source = readFileSync(file, 'utf8');
	const found: Import[] = [];
	const pattern = /import\s+(type\s+)?(?:\{([^}]*)\}|[\w*\s,]+?)\s*from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
	for (const m of source.matchAll(pattern)) {
		const spec = m[3] ?? m[4]!;
		let target: string;
		if (spec.startsWith('$lib/')) target = join(ROOT, spec.slice(5));
		else if (spec.startsWith('.')) target = resolve(dirname(file), spec);
		else continue;
		const names = (m[2] ?? '')
			.split(',')
			.map((n) => n.trim())
			.filter(Boolean);
		const typeOnly = !!m[1] || (names.length > 0 && names.every((n) => n.startsWith('type ')));
		found.push({
			from: file,
			to: target.replace(/\.(ts|js)$/, ''),
			names: names.map((n) => n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!),
			typeOnly
		});
	}
	return found;
}

/** The top folder under src/lib/server ('db', 'core', 'results'…), or null outside it. */
function folderOf(path: string): string | null {
	const rel = relative(SERVER, path);
	if (rel.startsWith('..')) return null;
	return rel.split('/')[0]!;
}

const layerOf = (folder: string) => LAYER[folder] ?? DOMAIN_LAYER;
const serverFiles = filesUnder(SERVER);
const serverImports = serverFiles.flatMap(importsOf);

describe('the layering of src/lib/server', () => {
	it('has every file inside a folder: a layer or a domain', () => {
		const loose = serverFiles.filter((f) => !relative(SERVER, f).includes('/')).map((f) => relative(ROOT, f));
		expect(loose).toEqual([]);
		const unknown = [...new Set(serverFiles.map((f) => folderOf(f)!))].filter((d) => !(d in LAYER) && !(d in DOMAIN_DEPENDENCIES));
		expect(unknown, 'a new folder must be declared as a layer or a domain with its dependencies').toEqual([]);
	});

	it('imports only from its own layer or the ones below (http → domains → core → db)', () => {
		const upward = serverImports
			.filter((i) => folderOf(i.to) !== null)
			.filter((i) => layerOf(folderOf(i.to)!) > layerOf(folderOf(i.from)!))
			.map((i) => `${relative(ROOT, i.from)} → ${relative(ROOT, i.to)}`);
		expect(upward).toEqual([]);
	});

	it('lets a domain read a sibling only along the declared dependencies, and never call its writes', () => {
		const wrong: string[] = [];
		for (const i of serverImports) {
			const from = folderOf(i.from)!;
			const to = folderOf(i.to);
			if (!to || from === to || !(from in DOMAIN_DEPENDENCIES) || !(to in DOMAIN_DEPENDENCIES)) continue;
			const where = `${relative(ROOT, i.from)} → ${relative(ROOT, i.to)}`;
			if (!DOMAIN_DEPENDENCIES[from]!.includes(to)) wrong.push(`${where} (undeclared)`);
			for (const name of i.names) if (WRITE_VERB.test(name)) wrong.push(`${where}: ${name} is a write`);
		}
		expect(wrong).toEqual([]);
	});

	it('keeps the declared domain dependencies free of cycles', () => {
		const visiting = new Set<string>();
		const done = new Set<string>();
		const cycle = (domain: string): boolean => {
			if (done.has(domain)) return false;
			if (visiting.has(domain)) return true;
			visiting.add(domain);
			const found = DOMAIN_DEPENDENCIES[domain]!.some(cycle);
			visiting.delete(domain);
			done.add(domain);
			return found;
		};
		expect(Object.keys(DOMAIN_DEPENDENCIES).filter(cycle)).toEqual([]);
	});

	it('has no barrel files (modules that only re-export others)', () => {
		const barrels = serverFiles.filter((f) => {
			const code = readFileSync(f, 'utf8')
				.replace(/\/\/.*$/gm, '')
				.replace(/\/\*[\s\S]*?\*\//g, '')
				.trim();
			const statements = code
				.split(';')
				.map((s) => s.trim())
				.filter(Boolean);
			return /\/index\.ts$/.test(f) || (statements.length > 0 && statements.every((s) => /^export\s+(\*|\{[^}]*\})\s+from\s/.test(s)));
		});
		expect(barrels.map((f) => relative(ROOT, f))).toEqual([]);
	});

	it('keeps the rest of src/lib below the server: types only, never server code', () => {
		const outside = filesUnder(ROOT).filter((f) => folderOf(f) === null);
		const offending = outside
			.flatMap(importsOf)
			.filter((i) => folderOf(i.to) !== null && !i.typeOnly)
			.map((i) => `${relative(ROOT, i.from)} → ${relative(ROOT, i.to)}`);
		expect(offending).toEqual([]);
	});
});

describe('the layering test itself', () => {
	it('sees the imports it judges (a layer check that reads nothing would pass vacuously)', () => {
		expect(serverFiles.length).toBeGreaterThan(30);
		expect(serverImports.some((i) => folderOf(i.from) === 'http' && folderOf(i.to) === 'programmes')).toBe(true);
		expect(serverImports.some((i) => folderOf(i.from) === 'risks' && folderOf(i.to) === 'results')).toBe(true);
	});
});
