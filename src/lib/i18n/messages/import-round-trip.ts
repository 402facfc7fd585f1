import { defineMessages } from '../define';

// The Excel round trip (issue 22 item 5): enum cells in the reader's language, the instructions
// sheet, and the logframe's key flag, framework codes, women/men milestones and translations.
export const importRoundTrip = defineMessages(
	{
		'import.choiceOf': 'Elija una de estas opciones: {values}.',
		'import.lf.periodWomen': '{period} · mujeres',
		'import.lf.periodMen': '{period} · hombres',
		'import.col.lf.isKey': 'Clave (sí/no)',
		'import.col.lf.sdgTarget': 'Meta ODS',
		'import.col.lf.iloOutcome': 'Resultado P&B de la OIT',
		'import.col.lf.euLogframeCode': 'Código del marco UE (GERF)',
		'import.col.lf.titleEn': 'Título en inglés',
		'import.col.lf.definitionEn': 'Definición en inglés',
		'import.col.lf.unitEn': 'Unidad en inglés',
		'import.col.lf.titleEs': 'Título en español',
		'import.col.lf.definitionEs': 'Definición en español',
		'import.col.lf.unitEs': 'Unidad en español',
		'import.instructions.sheet': 'Instrucciones',
		'import.instructions.values':
			'Complete una fila por indicador y periodo en la hoja «{sheet}». No cambie las columnas de código, periodo ni las ocultas: con ellas se reconoce cada fila.|Valor real: un número (use el separador decimal de su Excel). En un hito escriba «sí» o «no» (también se acepta 1 o 0). Un indicador cualitativo solo lleva nota.|Mujeres, hombres y otro/no consta: solo en los indicadores por sexo; su suma no puede superar el total.|Nota: obligatoria cuando el valor deja el indicador rezagado; explique por qué.|Motivo de la corrección: solo al cambiar un valor ya aprobado.|Nada se guarda al subir el archivo: verá cada error por fila y columna, y un libro con los errores marcados, antes de confirmar. Puede guardar el libro con Excel, LibreOffice u otro programa.',
		'import.instructions.logframe':
			'Una hoja por nivel: módulos, productos, actividades e indicadores. Las filas se emparejan por código; una importación nunca borra nada.|Las columnas con lista (medida, dirección, agregación, frecuencia, estado, sí/no) aceptan la etiqueta en español o en inglés, o el código (number, increase…).|Dirección: no hace falta en hitos ni en indicadores cualitativos.|Metas por periodo: una columna por periodo, y a la derecha las de mujeres y hombres de cada periodo (su suma no puede superar la meta).|Cambiar una línea de base, una meta final o una meta de periodo ya guardada requiere un motivo.|Clave, meta ODS, resultado P&B de la OIT y código UE (GERF): en blanco si el indicador no los tiene. Las columnas del otro idioma guardan la traducción del título, la definición y la unidad.',
		'import.instructions.cumulative':
			'Indicadores acumulados: cada meta de periodo es el total acumulado que debe alcanzarse al final de ese periodo desde el inicio del programa (p. ej. 20, 40, 60), no lo que aporta ese periodo solo. Una serie que baja se rechaza: revise si escribió lo de cada periodo por separado (para mantenerla a propósito, confírmela en el formulario de metas).',
		'import.instructions.lists': 'Valores admitidos',
		'import.instructions.column': 'Columna',
		'import.instructions.allowed': 'Opciones'
	},
	{
		'import.choiceOf': 'Choose one of these options: {values}.',
		'import.lf.periodWomen': '{period} · women',
		'import.lf.periodMen': '{period} · men',
		'import.col.lf.isKey': 'Key (yes/no)',
		'import.col.lf.sdgTarget': 'SDG target',
		'import.col.lf.iloOutcome': 'ILO P&B outcome',
		'import.col.lf.euLogframeCode': 'EU results framework code (GERF)',
		'import.col.lf.titleEn': 'Title in English',
		'import.col.lf.definitionEn': 'Definition in English',
		'import.col.lf.unitEn': 'Unit in English',
		'import.col.lf.titleEs': 'Title in Spanish',
		'import.col.lf.definitionEs': 'Definition in Spanish',
		'import.col.lf.unitEs': 'Unit in Spanish',
		'import.instructions.sheet': 'Instructions',
		'import.instructions.values':
			'Fill one row per indicator and period on the "{sheet}" sheet. Do not change the code, period or hidden columns: they identify each row.|Actual value: a number (with your Excel\'s decimal separator). For a milestone write "yes" or "no" (1 or 0 are accepted too). A qualitative indicator takes a note only.|Women, men and other/not stated: only for indicators by sex; their sum may not exceed the total.|Note: required when the value leaves the indicator lagging; say why.|Correction reason: only when changing an approved value.|Nothing is saved on upload: you see every error by row and column, and a workbook with the errors marked, before you confirm. You may save the workbook with Excel, LibreOffice or any other program.',
		'import.instructions.logframe':
			'One sheet per level: modules, outputs, activities and indicators. Rows are matched by code; an import never deletes anything.|Columns with a list (measure, direction, aggregation, frequency, status, yes/no) take the Spanish or English label, or the code (number, increase…).|Direction: not needed for milestones or qualitative indicators.|Period milestones: one column per period, and to the right the women and men of each period (their sum may not exceed the milestone).|Changing a baseline, an end target or a saved period milestone needs a reason.|Key, SDG target, ILO P&B outcome and EU code (GERF): blank when the indicator has none. The other-language columns hold the translation of the title, definition and unit.',
		'import.instructions.cumulative':
			'Cumulative indicators: each period milestone is the running total to reach by the end of that period since the programme began (e.g. 20, 40, 60), not what that period alone adds. A falling series is refused: check whether you wrote each period’s own figure instead (to keep one on purpose, confirm it on the targets form).',
		'import.instructions.lists': 'Allowed values',
		'import.instructions.column': 'Column',
		'import.instructions.allowed': 'Options'
	}
);
