import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressStream, type Encoding } from '$lib/server/http/compression';

describe('the encoding chosen from Accept-Encoding', () => {
	it('prefers brotli, then gzip, and sends none when neither is accepted', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('deflate')).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('')).toBeNull();
	});

	it('honours weights: q=0 refuses a coding, a higher q wins, * stands for the codings not named', () => {
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip;q=1')).toBe('gzip');
		expect(chooseEncoding('BR;Q=1, GZIP;Q=0.8')).toBe('br');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
		expect(chooseEncoding('gzip;q=nonsense')).toBeNull();
	});
});

/** A page of `count` chunks of random (incompressible) bytes, each handed over when asked for. */
function page(count: number, chunks: Uint8Array[] = []): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			const chunk = new Uint8Array(randomBytes(32 * 1024));
			chunks.push(chunk);
			controller.enqueue(chunk);
			if (chunks.length === count) controller.close();
		}
	});
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for (const reader = stream.getReader(); ;) {
		const { done, value } = await reader.read();
		if (done) return Buffer.concat(parts);
		parts.push(value);
	}
}

describe('a compressed page on its way out', () => {
	it.each<[Encoding, (b: Buffer) => Buffer]>([
		['br', brotliDecompressSync],
		['gzip', gunzipSync]
	])('reads back whole once decompressed (%s)', async (encoding, decompress) => {
		const chunks: Uint8Array[] = [];
		const sent = await readAll(compressStream(page(8, chunks), encoding));
		expect(decompress(sent).equals(Buffer.concat(chunks))).toBe(true);
	});

	it.each<Encoding>(['br', 'gzip'])(
		'never throws when the client goes away mid-page (%s): the process would end for everyone',
		async (encoding) => {
			const thrown: unknown[] = [];
			const collect = (error: unknown) => thrown.push(error);
			process.on('uncaughtException', collect);
			try {
				const reader = compressStream(page(200), encoding).getReader();
				await reader.read();
				await reader.cancel();
				// zlib hands over what it was still compressing after the cancel.
				await new Promise((resolve) => setTimeout(resolve, 300));
			} finally {
				process.off('uncaughtException', collect);
			}
			expect(thrown).toEqual([]);
		}
	);
});
