import { redirect } from '@sveltejs/kit';

// After a successful POST the action redirects (303) with `?notice=…`, which the page turns into
// a short message. Only these words are ever shown.
export const NOTICES = [
	'saved',
	'draft',
	'created',
	'deleted',
	'moved',
	'submitted',
	'approved',
	'returned',
	'commented',
	'targets',
	'password',
	'unlocked'
] as const;
export type Notice = (typeof NOTICES)[number];

export function redirectWithNotice(path: string, notice: Notice, hash = ''): never {
	redirect(303, `${path}?notice=${notice}${hash ? `#${hash}` : ''}`);
}

export function readNotice(url: URL): Notice | null {
	const n = url.searchParams.get('notice');
	return (NOTICES as readonly string[]).includes(n ?? '') ? (n as Notice) : null;
}
