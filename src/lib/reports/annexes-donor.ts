import type { ComposeContext } from './compose-context';
import type { DocAnnex } from './document';
import { euLogframe } from './evidence-eu';
import { managementResponse } from './evidence-tcpr';

// The annexes of the donors' own formats (issue 21): the EU's updated logframe (landscape, with
// sources of data, assumptions, baseline and target years and EU codes) and the ILO TCPR's
// management-response annex (each recommendation's response and key actions).

export function donorAnnex(ctx: ComposeContext, key: 'eu_logframe' | 'management_response'): DocAnnex {
	const id = `annex-${key.replace(/_/g, '-')}`;
	return {
		key,
		id,
		title: ctx.t(`donorDoc.annex.${key}`),
		landscape: key === 'eu_logframe',
		blocks: key === 'eu_logframe' ? euLogframe(ctx, `${id}-table`) : managementResponse(ctx, `${id}-table`)
	};
}
