import { defineMessages } from '../define';

// Messages of a report's render job (issuing runs outside the request: the page follows it).
export const reportJobs = defineMessages(
	{
		'reports.queuedNotice': 'Emisión en marcha: el informe se está preparando. Esta página muestra su avance.',
		'reports.job.title': 'Emisión en curso',
		'reports.job.titleFailed': 'La emisión no se completó',
		'reports.job.titleDone': 'Emisión completada',
		'reports.job.queued': 'En cola: la emisión empezará en unos segundos.',
		'reports.job.rendering': 'Preparando los archivos…',
		'reports.job.step.pdf': 'Generando el PDF en {language}…',
		'reports.job.step.docx': 'Generando el DOCX en {language}…',
		'reports.job.step.writing': 'Registrando la emisión…',
		'reports.job.done': 'Emitido: emisión {n}. Los archivos están listos para descargar.',
		'reports.job.refresh': 'Actualice la página para ver el avance.',
		'reports.job.retry': 'Intentar emitir de nuevo',
		'reports.job.error.changed':
			'Los datos del informe cambiaron mientras se preparaban los archivos (un valor aprobado, una sección guardada). Revise el borrador y emita de nuevo: se congelarán los datos actuales.',
		'reports.job.error.blocked': 'Algo impide ahora emitir el informe (vea «Lo que impide emitir»). Resuélvalo y emita de nuevo.',
		'reports.job.error.conflict': 'Otra persona emitió o cambió este informe mientras se preparaba. Recargue la página para ver su estado.',
		'reports.job.error.memory':
			'Los archivos del informe superaron la memoria permitida al generarlos. Intente de nuevo; si vuelve a fallar, acorte el periodo del informe o avise al administrador.',
		'reports.job.error.renderer':
			'No se pudo generar un archivo del informe. Intente de nuevo; si vuelve a fallar, avise al administrador (el detalle queda en el registro del servidor).',
		'reports.job.error.interrupted':
			'El servidor se detuvo varias veces mientras preparaba los archivos. Intente de nuevo; si vuelve a ocurrir, avise al administrador.'
	},
	{
		'reports.queuedNotice': 'Issuing under way: the report is being prepared. This page shows its progress.',
		'reports.job.title': 'Issuing in progress',
		'reports.job.titleFailed': 'Issuing did not complete',
		'reports.job.titleDone': 'Issuing complete',
		'reports.job.queued': 'Queued: issuing will start in a few seconds.',
		'reports.job.rendering': 'Preparing the files…',
		'reports.job.step.pdf': 'Rendering the PDF in {language}…',
		'reports.job.step.docx': 'Rendering the DOCX in {language}…',
		'reports.job.step.writing': 'Recording the issue…',
		'reports.job.done': 'Issued: issue {n}. The files are ready to download.',
		'reports.job.refresh': 'Refresh the page to see the progress.',
		'reports.job.retry': 'Try issuing again',
		'reports.job.error.changed':
			"The report's data changed while the files were being prepared (a value approved, a section saved). Check the draft and issue again: the current data will be frozen.",
		'reports.job.error.blocked': 'Something now blocks issuing the report (see “What blocks issuing”). Resolve it and issue again.',
		'reports.job.error.conflict':
			'Someone else issued or changed this report while it was being prepared. Reload the page to see its state.',
		'reports.job.error.memory':
			"The report's files exceeded the memory allowed while rendering them. Try again; if it fails again, shorten the report's window or tell the administrator.",
		'reports.job.error.renderer':
			"A file of the report could not be rendered. Try again; if it fails again, tell the administrator (the detail is in the server's log).",
		'reports.job.error.interrupted':
			'The server stopped several times while preparing the files. Try again; if it happens again, tell the administrator.'
	}
);
