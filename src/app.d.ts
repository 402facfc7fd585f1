import type { Locale } from '$lib/model';
import type { SessionValidationResult } from '$lib/server/auth/session';
import type { ProgrammeAccess } from '$lib/server/http/guards';

declare global {
	namespace App {
		interface Locals {
			user: SessionValidationResult['user'];
			session: SessionValidationResult['session'];
			locale: Locale;
			/** Per-request cache of requireProgramme lookups. */
			programmeAccess?: Map<string, Promise<ProgrammeAccess | null>>;
		}
		interface Error {
			message: string;
			/** What to do about it, already in the reader's language; the error page then shows message and hint as they are. */
			hint?: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
