import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// The browser tests build into their own folder so that two test runs never share one.
		adapter: adapter({ out: process.env.AVANCE_BUILD_OUT ?? 'build' }),
		// Every write's origin is checked in hooks.server.ts (lib/server/http/origin.ts), whatever
		// its content type and for each address the demo answers at; SvelteKit's own check, for
		// form content types against one fixed origin only, is turned off in its favour.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'img-src': ['self', 'data:'],
				'style-src': ['self', 'unsafe-inline'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
