import { spawn, type Serializable } from 'node:child_process';

// Runs one heavy task (a report's PDF or DOCX, a large export) in a child Node process with its
// own heap limit. A worker thread is not enough: when a worker runs out of memory, V8's fatal
// error can hit while Node tears the worker down, and that ends the whole app process. A child
// process that runs out of memory dies alone; its parent reads why from its stderr and fails
// only the task.
//
// The child runs the very module that asked for it, loaded by that module's own URL
// (`import.meta.url`): in the built app this is the chunk Vite bundled the module into, under
// Vite/vitest/tsx it is the TypeScript source, which the child loads through tsx. A module that
// can serve tasks calls `serveChildTask` at its top level with its mark; in any process other
// than a child started for that mark the call does nothing.

const ENV_MARK = 'AVANCE_CHILD_TASK';
/** The stderr kept from a child to tell why it stopped (V8 prints its fatal error there). */
const STDERR_TAIL = 8 * 1024;

/** The task's child ran out of its heap (a reason an evaluator can act on: a smaller report). */
export class ChildOutOfMemoryError extends Error {
	readonly code = 'ERR_CHILD_OUT_OF_MEMORY';
	constructor(label: string, memoryMb: number) {
		super(`${label} ran out of its memory (${memoryMb} MB)`);
		this.name = 'ChildOutOfMemoryError';
	}
}

/** The task failed in its child (the task threw, or the child stopped): its message travels, its stack stays there. */
export class ChildTaskError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ChildTaskError';
	}
}

type Reply<R> = { ok: true; result: R } | { ok: false; message: string };
/** The child's first message: it listens, so the task can be sent (one sent earlier could be lost). */
const READY = 'ready';

/** Whether a child's stderr says V8 stopped it for lack of heap. */
export function outOfMemory(stderr: string): boolean {
	return /heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit/i.test(stderr);
}

/**
 * Runs `task` in a fresh child process that loads `moduleUrl` (the caller's `import.meta.url`),
 * whose `serveChildTask(mark, …)` computes the result. Values cross as structured clones (strings,
 * plain objects, arrays, typed arrays). The child ends with the task, and when this process ends.
 */
export function runInChild<T extends Serializable, R>(options: {
	moduleUrl: string;
	mark: string;
	task: T;
	memoryMb: number;
	label: string;
}): Promise<R> {
	const { moduleUrl, mark, task, memoryMb, label } = options;
	// TypeScript (under Vite, vitest or tsx): the child registers tsx before loading the module.
	const load = /\.ts($|\?)/.test(moduleUrl)
		? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`
		: `import(${JSON.stringify(moduleUrl)})`;
	return new Promise<R>((resolve, reject) => {
		const child = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, '--input-type=module', '--eval', load], {
			stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
			serialization: 'advanced',
			env: { ...process.env, [ENV_MARK]: mark }
		});
		let stderr = '';
		let reply: Reply<R> | null = null;
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			process.stderr.write(chunk);
			stderr = (stderr + chunk).slice(-STDERR_TAIL);
		});
		child.on('message', (m: Reply<R> | typeof READY) => {
			if (m === READY)
				child.send(task, (error) => {
					if (error) child.kill('SIGKILL');
				});
			else reply = m;
		});
		child.once('error', (error) => {
			child.kill('SIGKILL');
			reject(error);
		});
		// 'close' comes after the child's stdio ended, so its whole stderr has been read by then.
		child.once('close', (code, signal) => {
			if (reply?.ok) resolve(reply.result);
			else if (reply) reject(new ChildTaskError(reply.message));
			else if (outOfMemory(stderr)) reject(new ChildOutOfMemoryError(label, memoryMb));
			else reject(new ChildTaskError(`${label} stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`));
		});
	});
}

/**
 * In a child started by `runInChild` for `mark`: waits for the task, answers with `handle`'s
 * result or its error's message, and ends. Ends at once too when its parent goes (nothing would
 * read the result, and a render must not outlive the job that claimed it). Elsewhere: nothing.
 */
export function serveChildTask<T, R>(mark: string, handle: (task: T) => Promise<R>): void {
	if (process.env[ENV_MARK] !== mark || !process.send) return;
	// This process's own children (none today) are not children of this task.
	delete process.env[ENV_MARK];
	const send = (reply: Reply<R> | typeof READY) =>
		new Promise<void>((done) => {
			process.send!(reply, undefined, {}, () => done());
		});
	process.once('disconnect', () => process.exit(1));
	process.once('message', (task: T) => {
		handle(task)
			.then(
				(result) => send({ ok: true, result }),
				(error: unknown) => send({ ok: false, message: error instanceof Error ? error.message : String(error) })
			)
			.finally(() => process.exit(0));
	});
	void send(READY);
}
