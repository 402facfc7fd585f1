import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID provider for the tests (the `oidc-provider` package, the certified implementation),
// on a free local port, with its own signing keys and its development sign-in pages. The test
// names the people it knows (subject → e-mail, verified or not). `signInAs` plays the person in
// the browser: it follows the provider's pages (sign-in, then consent) from an authorisation
// address to the answer it sends back to Avance's callback, which it returns without opening.

export interface ProviderPerson {
	/** Left out of the claims when absent (a directory account with no mail attribute). */
	email?: string;
	/** Left out of the claims when absent, as Microsoft Entra ID does. */
	emailVerified?: boolean;
	/** Entra's sign-in name (often the person's address) and its `upn`. */
	preferredUsername?: string;
	upn?: string;
	/** How the provider says it authenticated the person (RFC 8176 `amr`, and `acr`), put in its ID token. */
	amr?: string[];
	acr?: string;
}

export interface TestOidcProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** The address the provider sends the browser back to, with `code`, `state` and `iss`. */
	signInAs(authorizationUrl: URL | string, subject: string): Promise<URL>;
	/**
	 * Makes the provider misbehave: each ID token its token endpoint answers passes through `fn`
	 * (an attacker in the middle, a broken provider); null restores it.
	 */
	tamperIdTokens(fn: ((idToken: string) => string) | null): void;
	/** As `signInAs`, but the person presses "cancel": the answer carries `error=access_denied`. */
	cancel(authorizationUrl: URL | string): Promise<URL>;
	close(): Promise<void>;
}

export interface ProviderOptions {
	people: Record<string, ProviderPerson>;
	/** Avance's callback addresses; a function when they are known only after the provider starts (a browser test's app). */
	redirectUris: string[] | (() => string[]);
	/** The host the provider calls itself by (the issuer); 'localhost' unless a test needs another. */
	issuerHost?: string;
	/** Lifetime of its ID tokens, in seconds (1 hour by default). */
	idTokenTtl?: number;
}

export async function startOidcProvider(options: ProviderOptions): Promise<TestOidcProvider> {
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const issuer = `http://${options.issuerHost ?? 'localhost'}:${port}`;
	const clientId = 'avance-test';
	const clientSecret = 'a-test-client-secret-of-enough-length-0123456789';
	const makeProvider = () =>
		new Provider(issuer, {
			clients: [
				{
					client_id: clientId,
					client_secret: clientSecret,
					redirect_uris: typeof options.redirectUris === 'function' ? options.redirectUris() : options.redirectUris,
					grant_types: ['authorization_code'],
					response_types: ['code']
				}
			],
			claims: { openid: ['sub', 'amr', 'acr'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'upn'] },
			acrValues: ['urn:avance:test:mfa', 'urn:avance:test:password'],
			pkce: { required: () => true },
			ttl: { IdToken: options.idTokenTtl ?? 3600 },
			async findAccount(_ctx, subject) {
				const person = options.people[subject];
				if (!person) return undefined;
				return {
					accountId: subject,
					async claims() {
						const claims: Record<string, unknown> = { sub: subject, name: person.email ?? person.preferredUsername ?? subject };
						if (person.email !== undefined) claims.email = person.email;
						if (person.emailVerified !== undefined) claims.email_verified = person.emailVerified;
						if (person.preferredUsername !== undefined) claims.preferred_username = person.preferredUsername;
						if (person.upn !== undefined) claims.upn = person.upn;
						return claims as { sub: string };
					}
				};
			}
		});
	// Made at the first request, when the callback addresses are known.
	let handler: ReturnType<Provider['callback']> | undefined;
	let tamper: ((idToken: string) => string) | null = null;
	server.on('request', (req, res) => {
		if (!handler) {
			const provider = makeProvider();
			provider.on('server_error', (_ctx, error) => console.error('oidc-provider', error));
			provider.use(async (ctx, next) => {
				await next();
				const body = ctx.body as { id_token?: string } | undefined;
				if (tamper && ctx.path === '/token' && typeof body?.id_token === 'string') body.id_token = tamper(body.id_token);
			});
			// The development sign-in page records only who signed in; the person's `amr` and `acr`
			// are added to that result, as a provider that asked for a second factor would.
			const finish = provider.interactionFinished.bind(provider);
			provider.interactionFinished = (req, res, result, opts) => {
				const login = (result as { login?: { accountId: string; amr?: string[]; acr?: string } }).login;
				const person = login && options.people[login.accountId];
				if (login && person?.amr) login.amr = person.amr;
				if (login && person?.acr) login.acr = person.acr;
				return finish(req, res, result, opts);
			};
			handler = provider.callback();
		}
		void handler(req, res);
	});

	const base = `http://127.0.0.1:${port}`;
	// Requests go to 127.0.0.1 whatever the issuer's host says (the tests' issuer may be 'localhost').
	const toServer = (address: string | URL) => {
		const url = new URL(address, base);
		return new URL(`${url.pathname}${url.search}`, base);
	};

	async function follow(authorizationUrl: URL | string, subject: string | null): Promise<URL> {
		const jar = new Map<string, string>();
		const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const keep = (response: Response) => {
			for (const line of response.headers.getSetCookie()) {
				const [pair] = line.split(';');
				const at = pair!.indexOf('=');
				jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
			}
		};
		let next: URL = new URL(authorizationUrl);
		let body: URLSearchParams | undefined;
		for (let hops = 0; hops < 20; hops++) {
			// Back at Avance: the answer to hand to its callback.
			if (!next.pathname.startsWith('/auth') && !next.pathname.startsWith('/interaction')) return next;
			const response = await fetch(toServer(next), {
				method: body ? 'POST' : 'GET',
				headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
				body,
				redirect: 'manual'
			});
			keep(response);
			body = undefined;
			if (response.status >= 300 && response.status < 400) {
				next = new URL(response.headers.get('location')!, issuer);
				continue;
			}
			const html = await response.text();
			if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
			const uid = /\/interaction\/([A-Za-z0-9_-]+)/.exec(next.pathname)?.[1];
			if (!uid) throw new Error(`unexpected provider page ${next.href}`);
			if (subject === null) {
				next = new URL(`/interaction/${uid}/abort`, issuer);
				continue;
			}
			const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
			body = new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt: prompt ?? 'consent' });
			next = new URL(`/interaction/${uid}`, issuer);
		}
		throw new Error('the provider kept redirecting');
	}

	return {
		issuer,
		clientId,
		clientSecret,
		signInAs: (authorizationUrl, subject) => follow(authorizationUrl, subject),
		tamperIdTokens: (fn) => {
			tamper = fn;
		},
		cancel: (authorizationUrl) => follow(authorizationUrl, null),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
