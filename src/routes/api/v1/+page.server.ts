import { RATE_LIMIT_PER_MINUTE } from '$lib/server/api/tokens';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ rateLimit: RATE_LIMIT_PER_MINUTE });
