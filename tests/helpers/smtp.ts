import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server for the tests (the `smtp-server` package), on a free local port. It keeps
// every message it accepts, parsed (mailparser), and can be told to refuse the next messages,
// as a relay that is down or over quota would.

export interface Received {
	envelopeTo: string[];
	mail: ParsedMail;
	raw: string;
}

export interface TestSmtp {
	url: string;
	received: Received[];
	/** The next `n` messages are refused with a 451 (a temporary failure). */
	refuseNext(n: number): void;
	close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
	const received: Received[] = [];
	let refuse = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				if (refuse > 0) {
					refuse--;
					const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
					error.responseCode = 451;
					return callback(error);
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				simpleParser(raw)
					.then((mail) => {
						received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
						callback();
					})
					.catch(callback);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		refuseNext(n) {
			refuse = n;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
