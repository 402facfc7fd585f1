// The search across programmes of lessons and good practices (issue 24) over 10,000 validated
// entries: the goal is under 200 ms per search. Called by `npm run bench` on its database (SQLite
// or PostgreSQL) after the report benches; `npx tsx tests/bench/lessons-search.ts` runs it alone on
// a fresh SQLite file. Entries are spread over the bench's programmes, each with every template
// field filled in Spanish and an English translation folded into its search text, as a real
// entry would be; the queries are folded and bound exactly as the search page does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldText } from '../../src/lib/evaluation/search-text';
import { LESSON_THEMES, EVALUATION_CRITERIA } from '../../src/lib/evaluation/model';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { searchLessons, searchQuerySchema } from '../../src/lib/server/evaluation/search';
import { writeLessonWords } from '../../src/lib/server/evaluation/search-words';

export const SEARCH_RECORDS = 10_000;
export const SEARCH_GOAL_MS = 200;

const WORDS_ES =
	'afiliación recaudación cobertura trabajadores independientes seguridad social diálogo tripartito gobernanza institucional actuarial pensiones jubilación desempleo prestaciones registro administrativo capacitación funcionarios reforma reglamento consejo directivo empleadores sindicatos género igualdad informalidad protección piso financiamiento sostenibilidad sistema información estadísticas'.split(
		' '
	);
const WORDS_EN =
	'enrolment collection coverage self-employed workers social security dialogue tripartite governance actuarial pensions retirement unemployment benefits administrative records training officials reform rules board employers unions gender equality informality protection floor financing sustainability information system statistics'.split(
		' '
	);

/** A deterministic pseudo-random text of `n` words from `words`. */
function text(words: string[], seed: number, n: number): string {
	let x = seed;
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		x = (x * 1103515245 + 12345) % 2147483648;
		out.push(words[x % words.length]!);
	}
	return out.join(' ');
}

/** Inserts SEARCH_RECORDS validated entries over `programmeIds` (in batches, one transaction). */
export async function generateLessons(db: Db, programmeIds: number[]): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (let start = 0; start < SEARCH_RECORDS; start += 250) {
			const rows = [];
			for (let i = start; i < Math.min(SEARCH_RECORDS, start + 250); i++) {
				const kind = i % 3 === 0 ? ('practice' as const) : ('lesson' as const);
				const es = [text(WORDS_ES, i + 1, 12), ...[2, 3, 4, 5, 6].map((k) => text(WORDS_ES, i * 7 + k, 40))];
				const en = [text(WORDS_EN, i + 1, 12), ...[2, 3, 4, 5, 6].map((k) => text(WORDS_EN, i * 7 + k, 40))];
				// One rare word in one entry of a thousand, the kind of term a search narrows on.
				if (i % 1000 === 0) es[1] += ' solidaridadintergeneracional';
				rows.push({
					programme_id: programmeIds[i % programmeIds.length]!,
					kind,
					status: 'validated' as const,
					theme: LESSON_THEMES[i % LESSON_THEMES.length]!,
					criterion: EVALUATION_CRITERIA[i % EVALUATION_CRITERIA.length]!,
					title: es[0]!,
					context: es[1]!,
					challenges: es[2]!,
					causal_factors: es[3]!,
					targeted_users: es[4]!,
					success: es[5]!,
					search_text: foldText([...es, ...en].join(' ')),
					validated_at: `2021-${String((i % 12) + 1).padStart(2, '0')}-15T12:00:00.000Z`
				});
			}
			const ids = await trx.insertInto('lesson').values(rows).returning('id').execute();
			// The indexed words, as every write of an entry keeps them.
			for (const [k, { id }] of ids.entries()) await writeLessonWords(trx, id, rows[k]!.search_text);
		}
	});
}

const QUERIES: [string, Record<string, string>][] = [
	['one common term', { q: 'afiliacion' }],
	['two terms, both languages', { q: 'Jubilación retirement' }],
	['a rare term', { q: 'solidaridadintergeneracional' }],
	['term + kind + theme', { q: 'cobertura', kind: 'practice', theme: 'financing' }],
	['quotes and operators', { q: '"seguridad social" AND (reforma OR -x*)' }],
	['filters only', { kind: 'lesson', criterion: 'relevance' }]
];

export interface SearchBench {
	name: string;
	ms: number;
	hits: number;
}

/** Median time of each query over `runs` runs (after two warm-up ones), as a member of every programme. */
export async function benchLessonSearch(db: Db, programmeIds: number[], runs: number): Promise<SearchBench[]> {
	await generateLessons(db, programmeIds);
	const out: SearchBench[] = [];
	for (const [name, params] of QUERIES) {
		const query = searchQuerySchema.parse(params);
		const times: number[] = [];
		let hits = 0;
		for (let i = 0; i < runs + 2; i++) {
			const started = performance.now();
			const result = await searchLessons(db, { isAdmin: false, programmeIds }, query, 'en');
			if (i >= 2) times.push(performance.now() - started);
			hits = result.hits.length;
		}
		times.sort((a, b) => a - b);
		out.push({ name, ms: times[Math.floor(times.length / 2)]!, hits });
	}
	return out;
}

/** Prints the table and marks the run failed when a search misses the goal. */
export function printSearchBench(label: string, results: SearchBench[]): void {
	console.log(
		`\nlessons search over ${SEARCH_RECORDS.toLocaleString('en')} validated entries (${label}), median ms (goal < ${SEARCH_GOAL_MS} ms):`
	);
	for (const r of results)
		console.log(`  ${r.name.padEnd(28)}${r.ms.toFixed(1).padStart(8)} ms  ${String(r.hits).padStart(3)} hits (page of 50)`);
	const slowest = Math.max(...results.map((r) => r.ms));
	console.log(
		`lessons search: ${slowest < SEARCH_GOAL_MS ? 'within' : 'NOT within'} the ${SEARCH_GOAL_MS} ms goal (${slowest.toFixed(0)} ms at most)`
	);
	if (slowest >= SEARCH_GOAL_MS) process.exitCode = 1;
}

/** What `npm run bench` calls: the search on the bench's own database and programmes. */
export async function runLessonSearchBench(db: Db, label: string, programmeIds: number[], runs: number): Promise<void> {
	printSearchBench(label, await benchLessonSearch(db, programmeIds, runs));
}

// Alone: a fresh SQLite file with two programmes.
if (import.meta.url === `file://${process.argv[1]}`) {
	const { runMigrations } = await import('../../src/lib/server/db/migrate');
	const { loadMigrationFolder } = await import('../../src/lib/server/db/cli-migrate');
	const work = mkdtempSync(join(tmpdir(), 'avance-search-bench-'));
	const db = openDatabase(join(work, 'bench.db'));
	try {
		await runMigrations(db, await loadMigrationFolder());
		const ids: number[] = [];
		for (const slug of ['bench-a', 'bench-b']) {
			const { id } = await db
				.insertInto('programme')
				.values({
					slug,
					code: slug,
					short_name: slug,
					title: slug,
					country: 'Ecuador',
					funding_modality: 'eu_contribution',
					budget_cents: null,
					start_date: '2018-01-01',
					end_date: '2022-12-31',
					status: 'active'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			ids.push(id);
		}
		await runLessonSearchBench(db, 'SQLite', ids, Number(process.env.BENCH_RUNS ?? 15));
	} finally {
		await db.destroy();
		rmSync(work, { recursive: true, force: true });
	}
}
