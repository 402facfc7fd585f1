import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

export interface RunningApp {
	url: string;
	databasePath: string;
	/** What the server has printed so far. */
	output(): string;
	stop(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * Starts the built app on a free port with its own copy of the seeded demo database, through
 * `npm start`: the same command (and the same defaults, such as no ORIGIN) a user runs; `env`
 * sets more (ORIGIN, say) for one test.
 */
export async function startApp(options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunningApp> {
	const databasePath = join(mkdtempSync(join(tmpdir(), 'avance-e2e-')), 'avance.db');
	copyFileSync(inject('templateDb'), databasePath);
	// The files of the seeded report issue live beside the template database.
	const templateUploads = join(dirname(inject('templateDb')), 'uploads');
	if (existsSync(templateUploads)) cpSync(templateUploads, join(dirname(databasePath), 'uploads'), { recursive: true });
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_PATH: databasePath,
		AVANCE_BUILD_OUT: inject('buildDir')
	};
	delete env.ORIGIN;
	delete env.BODY_SIZE_LIMIT;
	// The copy above, never a PostgreSQL database from the shell (the PostgreSQL journey passes its own).
	delete env.DATABASE_URL;
	Object.assign(env, options.env);
	// Its own process group, so stopping it stops npm, the shell and the server together.
	const child: ChildProcess = spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let log = '';
	let stopping = false;
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	// A server that dies under its tests leaves them failing with "connection refused" and nothing
	// else: say so, with what it printed, where the test run's output shows it.
	child.once('exit', (code, signal) => {
		if (!stopping) process.stderr.write(`\nThe app at ${url} stopped by itself (exit ${code ?? signal}); it printed:\n${log}\n`);
	});

	const deadline = Date.now() + 20_000;
	for (;;) {
		// Ready only once this server says so: another test file's server could have been given the
		// same port between freePort() and listen(), and its /healthz would answer for ours.
		if (log.includes('Avance is ready')) {
			try {
				const res = await fetch(`${url}/healthz`);
				if (res.ok) break;
			} catch {
				// not listening yet
			}
		}
		if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		databasePath,
		output: () => log,
		stop: async () => {
			stopping = true;
			const group = -child.pid!;
			// A child killed by a signal has no exit code, only a signal code, and its 'exit' has
			// already been emitted: waiting for another would wait for ever.
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((done) => child.once('exit', done));
				process.kill(group, 'SIGTERM');
				await exited;
			}
			// npm dies at once on SIGTERM; the server it started first lets its requests finish.
			// Wait until the whole group is gone, so no server outlives its test file.
			const groupAlive = () => {
				try {
					process.kill(group, 0);
					return true;
				} catch {
					return false;
				}
			};
			for (let i = 0; i < 100 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
		}
	};
}
