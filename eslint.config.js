// ESLint as the SvelteKit scaffold ships it: JavaScript, TypeScript and Svelte rules, with
// formatting left to Prettier (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'tests/.tmp/', 'build-*/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names better than ESLint can (typescript-eslint's advice).
			'no-undef': 'off',
			// `_name` marks a value left out on purpose (e.g. a field destructured away).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		// The app is served at the site root (no `paths.base`), so wrapping every link in
		// `resolve()` would change nothing; the rule is for apps deployed under a base path.
		files: ['**/*.svelte', '**/*.svelte.ts'],
		rules: {
			'svelte/no-navigation-without-resolve': 'off',
			// `{' · '}` keeps the spaces that Svelte trims at the edges of an `{#if}` block.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		// Migrations are frozen in time: they take `Kysely<any>`, never the app's current schema.
		files: ['migrations/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	}
);
