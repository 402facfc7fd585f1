import pg from 'pg';

// PostgreSQL for tests: `npm run test:pg` sets AVANCE_TEST_PG=1 and runs inside pg_virtualenv
// (or against any server the PG* variables or AVANCE_TEST_PG_URL point at, with a user that may
// create databases). Every test gets a database of its own, created from a migrated (and, as
// asked, seeded) template: CREATE DATABASE … TEMPLATE copies files, 0.1–0.3 s.

export function testingOnPostgres(): boolean {
	return process.env.AVANCE_TEST_PG === '1';
}

/** The server's address with `database` as the database: AVANCE_TEST_PG_URL, else built from PG* variables. */
export function postgresTestUrl(database: string): string {
	const base = process.env.AVANCE_TEST_PG_URL;
	const url = new URL(base ?? 'postgres://localhost');
	if (!base) {
		const host = process.env.PGHOST || 'localhost';
		// A socket directory (/var/run/postgresql) goes in the query, as libpq does.
		if (host.startsWith('/')) url.searchParams.set('host', host);
		else url.hostname = host;
		if (process.env.PGPORT) url.port = process.env.PGPORT;
		if (process.env.PGUSER) url.username = encodeURIComponent(process.env.PGUSER);
		if (process.env.PGPASSWORD) url.password = encodeURIComponent(process.env.PGPASSWORD);
	}
	url.pathname = `/${database}`;
	return url.toString();
}

/** Runs `fn` on a short-lived connection to the server's maintenance database. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: postgresTestUrl(process.env.AVANCE_TEST_PG_ADMIN_DB || 'postgres') });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

const NAME = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
	if (!NAME.test(name)) throw new Error(`not a database name: ${name}`);
	return `"${name}"`;
}

/** Creates `name` as a copy of `template` (retrying while another test's copy still holds the template). */
export async function createDatabaseFrom(name: string, template: string): Promise<void> {
	await withAdmin(async (client) => {
		for (let attempt = 0; ; attempt++) {
			try {
				await client.query(`create database ${ident(name)} template ${ident(template)}`);
				return;
			} catch (error) {
				// 55006: "source database is being accessed by other users" — another copy in progress.
				if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
				await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
			}
		}
	});
}

export async function dropDatabase(name: string): Promise<void> {
	await withAdmin((client) => client.query(`drop database if exists ${ident(name)} with (force)`));
}

export async function createEmptyDatabase(name: string): Promise<void> {
	await withAdmin(async (client) => {
		await client.query(`drop database if exists ${ident(name)} with (force)`);
		await client.query(`create database ${ident(name)}`);
	});
}

/** The templates the integration global setup prepares, by what freshDatabase asks for. */
export function templateName(options: { seed?: boolean; demoAccounts?: boolean }, run: string): string {
	const kind = options.demoAccounts ? 'demo' : options.seed ? 'seed' : 'bare';
	return `avance_tpl_${run}_${kind}`;
}
