import { redirect } from '@sveltejs/kit';
import type { Notice } from '$lib/notices';

/** The 303 after a successful POST, with the notice the page shows (and an anchor to scroll to). */
export function redirectWithNotice(path: string, notice: Notice, hash = ''): never {
	redirect(303, `${path}?notice=${notice}${hash ? `#${hash}` : ''}`);
}
