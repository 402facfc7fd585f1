// `npm start`: serves the built app (adapter-node's handler) on PORT/HOST. A server of our own,
// rather than the adapter's `build/index.js`, for two things that one cannot do:
// - headers on every response, static files included (those are answered before the app's hook
//   runs, so the hook cannot add them);
// - without ORIGIN, reading each request's address from its Host header over plain HTTP (what
//   this server speaks), so the demo works at http://localhost:PORT and http://127.0.0.1:PORT
//   alike; the app's hook then decides which of those addresses may send forms.
// Not run by Vite: plain Node, next to the code it serves.
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const origin = process.env.ORIGIN?.trim().replace(/\/+$/, '') || null;

// The largest request accepted: evidence files are capped at 10 MB, and the form around one needs a little more.
process.env.BODY_SIZE_LIMIT ||= '12M';

// Without ORIGIN the adapter builds each request's URL from this header (and Host); it is set
// here, never taken from the client. Behind a proxy that says the protocol, set PROTOCOL_HEADER
// (or, better, ORIGIN) and this stays out of the way.
const PROTOCOL_HEADER = 'x-avance-protocol';
const ownProtocolHeader = !origin && !process.env.PROTOCOL_HEADER;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

/** @type {Record<string, string>} */
const HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	// Avance uses none of these; a script that got in could not either.
	'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()'
};
// Browsers remember HTTPS-only for the site; over plain HTTP the header means nothing.
if (origin?.startsWith('https://')) HEADERS['Strict-Transport-Security'] = 'max-age=31536000';

const out = resolve(process.env.AVANCE_BUILD_OUT || 'build');
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void }} */
const { handler } = await import(pathToFileURL(join(out, 'handler.js')).href);

let stopping = false;
const server = createServer((req, res) => {
	for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
	if (ownProtocolHeader) req.headers[PROTOCOL_HEADER] = 'http';
	// An answer sent before the request body was read (a refusal, a redirect to sign-in) leaves
	// the rest of an upload unread, and the adapter has paused the request: the browser then
	// stalls, still sending, and never reads the answer. Once the answer is out nothing needs the
	// body, so it is read and dropped.
	res.once('finish', () => {
		if (req.complete) return;
		req.removeAllListeners('data');
		req.resume();
	});
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

/** The address to give people: ORIGIN, else this machine under the name every browser knows. */
function addressToOpen() {
	if (origin) return origin;
	const name = ['0.0.0.0', '::', '[::]'].includes(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
	return `http://${name}:${port}`;
}

// Once stopping, a connection whose request has finished closes instead of waiting for another.
server.on('request', (/** @type {import('node:http').IncomingMessage} */ req) => {
	req.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
});

server.listen({ host, port }, () => {
	console.log(`Avance is ready: open ${addressToOpen()} (listening on ${host}:${port})`);
	// Without a mail relay the e-mails Avance writes stay in its outbox (README, "E-mail").
	if (!process.env.SMTP_URL?.trim())
		console.log(`E-mail: no SMTP_URL, so messages stay in the outbox: read them at ${addressToOpen()}/admin/outbox (as admin)`);
});

// Stop taking requests, let the ones in progress finish (at most 30 s), then leave.
function stop() {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => {
		// @ts-expect-error custom event, as adapter-node emits it
		process.emit('sveltekit:shutdown', 'SIGTERM');
		process.exit(0);
	});
	setTimeout(() => server.closeAllConnections(), 30_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// A promise that fails with nobody listening (a background task's, a library's) is a defect to
// fix, but not a reason to drop every signed-in person's request: Node's default would end the
// process. It is logged, with its stack, where the operator reads the server's output. An
// exception thrown outside any promise still ends the process, as it leaves state unknown.
process.on('unhandledRejection', (reason) => {
	console.error('Avance: a promise failed with nobody to handle it (the server keeps running):', reason);
});
