import { defineMessages } from '../define';

// The coordinator's semester (issue 22): the period entry sheet and bulk review.
export const coordinator = defineMessages(
	{
		'sheet.link': 'Registrar un periodo',
		'sheet.title': 'Valores del periodo {period}',
		'sheet.intro':
			'Todos los indicadores que puede registrar para este periodo, en una sola página. Guarde todo como borrador o envíe todo a revisión; una fila rechazada conserva lo escrito y no impide guardar las demás.',
		'sheet.period': 'Periodo',
		'sheet.filterMine': 'Solo los míos',
		'sheet.filterKey': 'Solo indicadores clave',
		'sheet.rowsShown': '{n} indicadores',
		'sheet.noRows': 'Ningún indicador de este programa se registra a mano con estos filtros.',
		'sheet.saveAll': 'Guardar todo como borrador',
		'sheet.submitAll': 'Enviar todo a revisión',
		'sheet.partial': 'Filas guardadas: {saved}. Filas con errores (marcadas abajo), sin guardar: {refused}.',
		'sheet.noneSaved': 'Ninguna fila se guardó: corrija las filas marcadas.',
		'sheet.nothingTyped': 'No escribió ni cambió ningún valor.',
		'sheet.underReview': 'En revisión: {value}',
		'sheet.approvedValue': 'Aprobado: {value}',
		'sheet.returned': 'Devuelto: {note}',
		'sheet.draftValue': 'Borrador',
		'sheet.lagHint': 'Con este valor el indicador quedaría «{status}»: escriba en la narrativa por qué.',
		'sheet.sumHint': 'Mujeres + hombres + otro = {sum}, no {total}.',
		'sheet.locked': 'Este periodo está cerrado: sus valores ya no se editan.',
		'sheet.milestoneYes': 'Sí',
		'sheet.milestoneNo': 'No',
		'sheet.milestoneUnset': '—',
		'sheet.target': 'Meta del periodo: {value}',
		'sheet.cumulativeHint': 'Acumulado: registre lo logrado en este periodo; las metas son totales acumulados.',
		'review.link': 'Revisar valores enviados',
		'review.title': 'Revisar valores enviados',
		'review.intro':
			'Valores enviados por sus colegas. Apruebe o devuelva varios a la vez; nunca se le ofrecen los que usted registró o envió.',
		'review.allPeriods': 'Todos los periodos',
		'review.empty': 'No hay valores que usted pueda revisar.',
		'review.own.one': '{n} valor enviado por usted espera a otra persona.',
		'review.own.other': '{n} valores enviados por usted esperan a otra persona.',
		'review.pick': 'Seleccionar',
		'review.pickAll': 'Seleccionar todos',
		'review.note': 'Nota para devolver',
		'review.approveSelected': 'Aprobar los seleccionados',
		'review.returnSelected': 'Devolver los seleccionados',
		'review.approveAll.one': 'Aprobar el listado',
		'review.approveAll.other': 'Aprobar los {n} listados',
		'review.noteRequired': 'Para devolver un valor escriba la nota que lo explica.',
		'review.noneChosen': 'Seleccione al menos un valor.',
		'review.partial': '{done} valores revisados; {refused} no se pudieron revisar (marcados abajo).',
		'review.enteredBy': 'Registró: {name}',
		'review.reviewAllLink': 'Revisar todos ({n})',
		'review.value': 'Valor',
		'sheet.include': 'Enviar este valor sin cambios',
		'sheet.includeHint': '«Enviar todo» solo envía las filas que usted cambió; marque esta casilla para enviar el valor tal como está.',
		'inbox.enterPeriod': 'Registrar {period} · pendientes: {n}',
		'periods.enterValues': 'Registrar valores',
		'periods.reviewValues': 'Revisar enviados',
		'review.doneCount': 'Valores revisados: {n}.',
		'setup.generatedCount': 'Periodos generados: {n}. Ya existían: {skipped}.',
		'sheet.conflictNow':
			'Otra persona cambió este valor mientras usted editaba: ahora dice {value}. Lo que usted escribió sigue abajo; si vuelve a guardar, lo reemplaza.',
		'sheet.attached': 'Ya adjunto:',
		'sheet.conflict': 'No se guardó: compárelo con el valor de ahora, arriba, y guarde de nuevo si el suyo es el correcto.',
		'sheet.notSavedUnderReview': 'No se guardó: este valor ya está en revisión.',
		'sheet.conflictSubmitted':
			'Otra persona envió este valor a revisión mientras usted editaba: ahora dice {value} y ya no se edita aquí. Usted había escrito: {typed}.',
		'sheet.conflictNarrative': 'Su narrativa ahora dice: «{text}».',
		'sheet.leaveUnsaved': 'Hay valores escritos que no se guardaron. ¿Salir de todos modos y perderlos?'
	},
	{
		'sheet.link': 'Enter a period',
		'sheet.title': 'Values for {period}',
		'sheet.intro':
			'Every indicator you may enter for this period, on one page. Save all as drafts or submit all for review; a refused row keeps what you typed and never stops the others from saving.',
		'sheet.period': 'Period',
		'sheet.filterMine': 'Mine only',
		'sheet.filterKey': 'Key indicators only',
		'sheet.rowsShown': '{n} indicators',
		'sheet.noRows': 'No indicator of this programme is entered by hand with these filters.',
		'sheet.saveAll': 'Save all as drafts',
		'sheet.submitAll': 'Submit all for review',
		'sheet.partial': 'Rows saved: {saved}. Rows with errors (marked below), not saved: {refused}.',
		'sheet.noneSaved': 'No row was saved: fix the rows marked below.',
		'sheet.nothingTyped': 'You did not type or change any value.',
		'sheet.underReview': 'Under review: {value}',
		'sheet.approvedValue': 'Approved: {value}',
		'sheet.returned': 'Returned: {note}',
		'sheet.draftValue': 'Draft',
		'sheet.lagHint': 'With this value the indicator would be “{status}”: say why in the narrative.',
		'sheet.sumHint': 'Women + men + other = {sum}, not {total}.',
		'sheet.locked': 'This period is locked: its values can no longer be edited.',
		'sheet.milestoneYes': 'Yes',
		'sheet.milestoneNo': 'No',
		'sheet.milestoneUnset': '—',
		'sheet.target': 'Period milestone: {value}',
		'sheet.cumulativeHint': 'Cumulative: enter what this period achieved; milestones are running totals.',
		'review.link': 'Review submitted values',
		'review.title': 'Review submitted values',
		'review.intro':
			'Values your colleagues submitted. Approve or return several at once; you are never offered those you entered or submitted.',
		'review.allPeriods': 'All periods',
		'review.empty': 'There are no values you may review.',
		'review.own.one': '{n} value you submitted waits for someone else.',
		'review.own.other': '{n} values you submitted wait for someone else.',
		'review.pick': 'Select',
		'review.pickAll': 'Select all',
		'review.note': 'Note for returning',
		'review.approveSelected': 'Approve selected',
		'review.returnSelected': 'Return selected',
		'review.approveAll.one': 'Approve the one listed',
		'review.approveAll.other': 'Approve the {n} listed',
		'review.noteRequired': 'To return a value, write the note that explains why.',
		'review.noneChosen': 'Select at least one value.',
		'review.partial': '{done} values reviewed; {refused} could not be (marked below).',
		'review.enteredBy': 'Entered by {name}',
		'review.reviewAllLink': 'Review all ({n})',
		'review.value': 'Value',
		'sheet.include': 'Submit this value unchanged',
		'sheet.includeHint': '“Submit all” sends only the rows you changed; tick this box to send the value as it stands.',
		'inbox.enterPeriod': 'Enter {period} · waiting: {n}',
		'periods.enterValues': 'Enter values',
		'periods.reviewValues': 'Review submitted',
		'review.doneCount': 'Values reviewed: {n}.',
		'setup.generatedCount': 'Periods generated: {n}. Already there: {skipped}.',
		'sheet.conflictNow':
			'Someone else changed this value while you were editing: it now reads {value}. What you typed is still below; saving again replaces it.',
		'sheet.attached': 'Already attached:',
		'sheet.conflict': 'Not saved: compare it with the value as it is now, above, and save again if yours is right.',
		'sheet.notSavedUnderReview': 'Not saved: this value is now under review.',
		'sheet.conflictSubmitted':
			'Someone else sent this value for review while you were editing: it now reads {value} and can no longer be edited here. You had typed: {typed}.',
		'sheet.conflictNarrative': 'Its narrative now reads: “{text}”.',
		'sheet.leaveUnsaved': 'Some values you typed are not saved. Leave anyway and lose them?'
	}
);

// How milestones are read (milestone-rules.ts).
export const milestoneMessages = defineMessages(
	{
		'milestone.cumulativeExplained':
			'Indicador acumulado: cada meta de periodo es el total acumulado que debe alcanzarse al final de ese periodo desde el inicio del programa (p. ej. 20, 40, 60), no lo que aporta ese periodo solo.',
		'milestone.falling': 'Esta meta es menor que una anterior: un total acumulado no retrocede.',
		'milestone.confirmFallingNeeded':
			'Las metas de un indicador acumulado son totales acumulados y esta serie baja. Corrija las metas marcadas o confirme que la serie es correcta.',
		'milestone.confirmFalling': 'Confirmo que estas metas acumuladas bajan a propósito.',
		'milestone.splitExceeds': 'Mujeres + hombres ({sum}) supera la meta total ({total}).'
	},
	{
		'milestone.cumulativeExplained':
			'Cumulative indicator: each period milestone is the running total to reach by the end of that period since the programme began (e.g. 20, 40, 60), not what that period alone adds.',
		'milestone.falling': 'This milestone is below an earlier one: a running total does not go back.',
		'milestone.confirmFallingNeeded':
			'Milestones of a cumulative indicator are running totals, and this series falls. Fix the milestones marked or confirm that the series is right.',
		'milestone.confirmFalling': 'I confirm these cumulative milestones fall on purpose.',
		'milestone.splitExceeds': 'Women + men ({sum}) is more than the milestone total ({total}).'
	}
);

// Set-up in minutes (period-plan.ts).
export const setupMessages = defineMessages(
	{
		'periods.generatePlan': 'Generar periodos a partir de las fechas del programa',
		'periods.planHalf': 'Semestres',
		'periods.planQuarter': 'Trimestres',
		'periods.planYear': 'Años',
		'periods.generate': 'Generar',
		'periods.generateHint': 'Los periodos que ya existen (o se superponen) se conservan tal como están.',
		'results.emptyProgramme': 'Este programa aún no tiene indicadores. Construya el marco lógico o impórtelo desde Excel.',
		'results.emptyNoPeriods': 'Tampoco tiene periodos de reporte: genérelos a partir de las fechas del programa.'
	},
	{
		'periods.generatePlan': 'Generate periods from the programme’s dates',
		'periods.planHalf': 'Half-years',
		'periods.planQuarter': 'Quarters',
		'periods.planYear': 'Years',
		'periods.generate': 'Generate',
		'periods.generateHint': 'Periods that already exist (or overlap) are kept as they are.',
		'results.emptyProgramme': 'This programme has no indicators yet. Build the logframe or import it from Excel.',
		'results.emptyNoPeriods': 'It has no reporting periods either: generate them from the programme’s dates.'
	}
);
