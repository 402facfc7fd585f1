import { describe, expect, it } from 'vitest';
import { auditEntry, auditLines, auditReferences, canonical, type AuditLine, type AuditName, type AuditNames } from '$lib/i18n/audit-lines';
import { createI18n } from '$lib/i18n/context';
import type { AuditRecord } from '$lib/server/core/audit';

const es = createI18n(() => 'es');
const en = createI18n(() => 'en');

let nextId = 1;
function record(
	entity: string,
	action: string,
	before: Record<string, unknown> | null,
	after: Record<string, unknown> | null,
	entityId = '1'
) {
	return {
		id: nextId++,
		at: '2026-11-21T14:05:00.000Z',
		userId: 2,
		userName: 'Ana Revisora',
		programmeId: 1,
		entity,
		entityId,
		action,
		before,
		after,
		reason: null
	} satisfies AuditRecord;
}

const name = (over: Partial<AuditName>): AuditName => ({
	code: '',
	title: '',
	lang: null,
	translations: {},
	context: '',
	date: null,
	href: null,
	...over
});

const names: AuditNames = {
	'reporting_period:8': name({ title: '2020-S2', href: '/programmes/patss/periods' }),
	'indicator:3': name({ code: '4.2-1', title: 'Funcionarios capacitados', lang: 'es', href: '/programmes/patss/indicators/3' }),
	'indicator:4': name({ code: '4.2-2', title: 'Mujeres afiliadas', lang: 'es', translations: { en: 'Women enrolled' } }),
	'indicator_value:66': name({ code: '4.2-1', title: 'Funcionarios capacitados', lang: 'es', context: '2020-S2', href: '/x' }),
	'risk_review:5': name({ code: 'R-1', title: 'Cambio de autoridades', lang: 'es', date: '2021-06-30' }),
	'user:2': name({ title: 'Ana Revisora' })
};

/** A line as the reader sees it: "Label: before → after". */
const said = (line: AuditLine) => {
	const text = (pieces: AuditLine['before']) => (pieces === null ? null : pieces.length ? pieces.map((p) => p.text).join('') : '—');
	const [b, a] = [text(line.before), text(line.after)];
	return `${line.label}: ${[b, a].filter((x) => x !== null).join(' → ')}`;
};
const lines = (r: AuditRecord, i18n = es) => auditLines(i18n, r, names).map(said);

describe('lines that change nothing', () => {
	it('drops a field whose value is the same, however it is spelled', () => {
		const r = record(
			'risk',
			'review',
			{ likelihood: 4, impact: 3, nextReviewDate: null, note: '', indicatorIds: '1,2', active: true },
			{ likelihood: '4', impact: 3, nextReviewDate: '', note: undefined, indicatorIds: [1, 2], active: 1, reviewId: 5 }
		);
		expect(lines(r)).toEqual(['Revisión: R-1 Cambio de autoridades · 30 jun 2021']);
	});

	it('treats null, empty and missing alike, and numbers and their digits alike', () => {
		expect(canonical(null)).toBe(canonical(''));
		expect(canonical(undefined)).toBe(canonical('  '));
		expect(canonical(8)).toBe(canonical('8'));
		expect(canonical(2.5)).toBe(canonical('2.5'));
		expect(canonical('1.10')).not.toBe(canonical('1.1'));
		expect(canonical([3, 4])).toBe(canonical('3,4'));
		expect(canonical({ value: 1, women: null })).toBe(canonical({ value: '1' }));
		expect(canonical(4)).not.toBe(canonical(5));
	});

	it('leaves an entry with nothing left as just its action sentence', () => {
		const r = record('indicator_value', 'update', { status: 'draft', value: 22 }, { status: 'draft', value: '22', narrative: '' }, '66');
		const entry = auditEntry(es, r, names);
		expect(entry.lines).toEqual([]);
		expect([entry.entity, entry.subject.map((p) => p.text).join(''), entry.action, entry.who]).toEqual([
			'Valor del indicador',
			'4.2-1 Funcionarios capacitados · 2020-S2',
			'cambio',
			'Ana Revisora'
		]);
	});

	it('does not list empty fields of a new record', () => {
		const r = record('module', 'create', null, { code: 'M1', title: 'Cobertura', objective: '' });
		expect(lines(r)).toEqual(['Código: M1', 'Título: Cobertura']);
	});
});

describe('values in words', () => {
	it('names enum values by their labels, on the record they belong to', () => {
		expect(lines(record('indicator_value', 'approve', { status: 'submitted' }, { status: 'approved' }))).toEqual([
			'Estado: Enviado → Aprobado'
		]);
		expect(lines(record('indicator_value', 'approve', { status: 'submitted' }, { status: 'approved' }), en)).toEqual([
			'Status: Submitted → Approved'
		]);
		expect(lines(record('risk', 'update', { status: 'open', category: 'political' }, { status: 'closed', category: 'financial' }))).toEqual(
			['Estado: Abierto → Cerrado', 'Categoría: Político → Financiero']
		);
		expect(lines(record('module', 'reorder', null, { direction: 'up' }))).toEqual(['Dirección: hacia arriba']);
	});

	it('names each code of a multiple choice, recorded as codes joined by commas or as a list', () => {
		const [methods] = lines(record('evaluation_question', 'update', null, { methods: 'document_review,key_informant_interviews' }), en);
		expect(methods).toMatch(/: .+, .+/);
		expect(methods).not.toMatch(/document_review|key_informant_interviews/);
		const [listed] = lines(record('evaluation_question', 'update', null, { methods: ['document_review'] }), en);
		expect(listed).not.toContain('document_review');
	});

	it('shows a period by its label and a record by its code and title, linked, and says when it no longer exists', () => {
		const r = record('indicator_value', 'create', null, { periodId: 8, valueId: 99 });
		const [period, value] = auditLines(es, r, names);
		expect(said(period!)).toBe('Periodo: 2020-S2');
		expect(period!.after![0]!.href).toBe('/programmes/patss/periods');
		expect(said(value!)).toBe('Valor: (registro eliminado)');
		expect(lines(record('risk', 'update', { indicatorIds: '3' }, { indicatorIds: '3,4' }), en)).toEqual([
			'Linked indicators: 4.2-1 Funcionarios capacitados → 4.2-1 Funcionarios capacitados, 4.2-2 Women enrolled'
		]);
	});

	it('marks a title shown in its original language', () => {
		const [line] = auditLines(en, record('risk', 'update', { indicatorIds: [] }, { indicatorIds: [3] }), names);
		expect(line!.after).toEqual([{ text: '4.2-1 Funcionarios capacitados', href: '/programmes/patss/indicators/3', lang: 'es' }]);
	});

	it('formats dates, instants, booleans and numbers for the reader', () => {
		const r = record(
			'user',
			'update',
			{ nextReviewDate: '2021-06-30', reviewedAt: null, isAdmin: false, baselineValue: 1250.5 },
			{ nextReviewDate: '2021-12-31', reviewedAt: '2026-11-21T14:05:00.000Z', isAdmin: true, baselineValue: 15000 }
		);
		expect(lines(r)).toEqual([
			'Próxima revisión: 30 jun 2021 → 31 dic 2021',
			`Revisado el: — → ${es.dateTime('2026-11-21T14:05:00.000Z')}`,
			'Administración: No → Sí',
			'Línea de base: 1250,5 → 15.000'
		]);
		expect(lines(r, en)[0]).toBe('Next review: 30 Jun 2021 → 31 Dec 2021');
	});

	it('shortens a long text and keeps the whole of it', () => {
		const long = 'La cobertura de la seguridad social se amplía a trabajadores independientes. '.repeat(4);
		const [line] = auditLines(es, record('risk', 'create', null, { description: long }), names);
		expect(line!.after![0]!.text.length).toBeLessThan(long.length);
		expect(line!.after![0]!.text.endsWith('…')).toBe(true);
		expect(line!.after![0]!.full).toBe(long.trim());
	});

	it('never shows an object as JSON: targets by period, what a deletion took with it', () => {
		const targets = record(
			'indicator',
			'set_targets',
			{ '8': { value: 20, women: 10, men: 10 } },
			{ '8': { value: 30, women: 15, men: 15 } }
		);
		expect(lines(targets)).toEqual(['Meta de 2020-S2: Valor: 20; Mujeres: 10; Hombres: 10 → Valor: 30; Mujeres: 15; Hombres: 15']);
		const deleted = record(
			'module',
			'delete',
			{
				code: 'M9',
				title: 'Módulo de prueba',
				impact: { outputs: 2, activities: 0, indicators: 1, values: 0 },
				removed: { indicators: [{ id: 77, code: '9.1-1' }], risks: [], genderActions: [] }
			},
			null
		);
		const text = lines(deleted);
		expect(text).toEqual([
			'Código: M9',
			'Título: Módulo de prueba',
			'Se eliminó también: Productos: 2; Indicadores: 1',
			'Registros eliminados con él: Indicadores: 9.1-1'
		]);
		expect(text.join('\n')).not.toMatch(/[{}[\]"]/);
		// A deleted record is named from what the deletion recorded.
		expect(auditEntry(es, deleted, names).subject[0]!.text).toBe('M9 Módulo de prueba');
	});

	it('reads a translation as the field in that language', () => {
		expect(lines(record('indicator', 'translate', null, { title_en: 'Officials trained' }, '3'))).toEqual([
			'Título en inglés: Officials trained'
		]);
		expect(lines(record('indicator', 'translate', null, { title_en: 'Officials trained' }, '3'), en)).toEqual([
			'Title in English: Officials trained'
		]);
	});

	it('reads a removed translation as gone, and the previous state of a replaced check as what it was', () => {
		expect(lines(record('indicator', 'translate', { title_en: 'Officials trained' }, null, '3'))).toEqual([
			'Título en inglés: Officials trained → —'
		]);
		const check = record(
			'risk',
			'assumption_check',
			{ period: '2020-S2', result: 'holds', checked_by: 2, checked_at: '2026-11-21T14:05:00.000Z' },
			{ period: '2020-S2', result: 'partly' }
		);
		expect(lines(check)).toEqual([
			'Resultado: Se cumple → Se cumple en parte',
			'Verificado por: Ana Revisora',
			`Verificado el: ${es.dateTime('2026-11-21T14:05:00.000Z')}`
		]);
	});

	it('says what the seed did in words', () => {
		const r = { ...record('programme', 'seed_indicators', null, { count: 18 }), reason: 'seed', userName: null };
		const entry = auditEntry(es, r, names);
		expect([entry.action, entry.who, entry.reason, entry.lines.map(said)]).toEqual([
			'carga inicial de indicadores',
			'Sistema',
			'carga inicial de los datos del programa',
			['Cantidad: 18']
		]);
	});
});

describe('what an entry is about', () => {
	it('names a programme access by the person and the programme, a code equal to the name once', () => {
		const withProgramme = { ...names, 'programme:1': name({ code: 'PATSS', title: 'PATSS', href: '/programmes/patss' }) };
		const r = record('membership', 'create', null, { userId: 2, programmeId: 1, role: 'donor' }, '2:1');
		const entry = auditEntry(en, r, withProgramme);
		expect(entry.subject.map((p) => p.text).join('')).toBe('Ana Revisora · PATSS');
		expect(entry.lines.map(said)).toEqual(['Account: Ana Revisora', 'Role: Donor']);
	});
});

describe('the records an entry points to', () => {
	it('collects each kind once, from the subject, id fields, id lists and target periods', () => {
		const refs = auditReferences([
			record('indicator_value', 'create', null, { periodId: 8, valueId: 66 }, '66'),
			record('risk', 'update', { indicator_ids: '3,4' }, { indicatorIds: [4, 5] }, '9'),
			record('indicator', 'set_targets', { '8': null }, { '9': { value: 1 } }, '3'),
			record('membership', 'create', null, { role: 'donor' }, '2:1')
		]);
		expect(Object.fromEntries(refs)).toEqual({
			indicator_value: [66],
			reporting_period: [8, 9],
			risk: [9],
			indicator: [3, 4, 5],
			user: [2],
			programme: [1]
		});
	});
});
