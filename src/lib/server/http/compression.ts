import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';

// Dynamic pages and data compressed on the way out (static files are the adapter's business).
// A results page at 3,000 indicators is 3.1 MB of HTML, most of it repeated markup: brotli at a
// low quality, or gzip, sends it at a fraction of that for a few milliseconds of CPU. Node's own
// zlib, no dependency. Every chunk the app writes is flushed through at once, so a page that
// streams (SvelteKit's deferred data) still reaches the browser piece by piece.

export type Encoding = 'br' | 'gzip';

/** Only text compresses well; images, PDFs, DOCX and XLSX files are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|[\w.+-]+\+(json|xml))|image\/svg\+xml)/i;
/** Below this, the headers cost more than the saving. */
const MIN_BYTES = 1024;
/** Brotli's quality 11 is for files compressed once; 4 is about gzip's speed at a better size. */
const BROTLI_QUALITY = 4;

/**
 * The encoding to answer in, from the request's Accept-Encoding (RFC 9110 §12.5.3): brotli when
 * accepted, else gzip, else none. `q=0` refuses a coding, and `*` stands for those not named.
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = q ? Number(q.slice(2)) : 1;
		weights.set(name, Number.isFinite(weight) ? weight : 0);
	}
	const weight = (coding: Encoding) => weights.get(coding) ?? weights.get('*') ?? 0;
	if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
	if (weight('gzip') > 0) return 'gzip';
	return null;
}

/** Whether a response may be compressed: text, with a body worth it, not encoded already. */
export function compressible(request: Request, response: Response): boolean {
	if (request.method === 'HEAD' || !response.body) return false;
	if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304) return false;
	if (response.headers.has('content-encoding')) return false;
	if (/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')) return false;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return false;
	const length = response.headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

function compressor(encoding: Encoding): BrotliCompress | Gzip {
	return encoding === 'br'
		? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
		: createGzip({ level: 6 });
}

/** `body` compressed, each chunk flushed through as it comes. */
export function compressStream(body: ReadableStream<Uint8Array>, encoding: Encoding): ReadableStream<Uint8Array> {
	const z = compressor(encoding);
	let out!: TransformStreamDefaultController<Uint8Array>;
	const done = new Promise<void>((resolve, reject) => {
		z.once('end', resolve);
		z.once('error', reject);
	});
	z.on('data', (chunk: Buffer) => {
		// A client that goes away (a navigation, a closed tab) cancels the stream while the
		// compressor still has output: enqueueing then throws from an event handler, which took the
		// whole server down ("Unable to enqueue"). Nobody is reading any more, so stop compressing.
		try {
			out.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
		} catch {
			z.destroy();
		}
	});
	return body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			start(controller) {
				out = controller;
			},
			transform(chunk) {
				return new Promise<void>((resolve) => {
					z.write(chunk);
					z.flush(() => resolve());
				});
			},
			flush() {
				z.end();
				return done;
			}
		})
	);
}

/**
 * The response compressed for this request when it can be: Content-Encoding set, Content-Length
 * dropped (the length changes), and `Vary: Accept-Encoding` on every compressible answer so a
 * cache never hands a compressed page to a client that cannot read it.
 */
export function compressResponse(request: Request, response: Response): Response {
	if (!compressible(request, response)) return response;
	const headers = new Headers(response.headers);
	headers.append('Vary', 'Accept-Encoding');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	headers.set('Content-Encoding', encoding);
	headers.delete('Content-Length');
	return new Response(compressStream(response.body!, encoding), { status: response.status, statusText: response.statusText, headers });
}
