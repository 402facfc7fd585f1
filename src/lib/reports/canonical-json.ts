// Canonical JSON per RFC 8785 (JCS): what an issued report's snapshot is hashed and stored as.
// Object keys sorted by their UTF-16 code units, no whitespace, strings escaped as ECMAScript's
// JSON.stringify does (which is what JCS prescribes), numbers in the ECMAScript shortest form.
// Anything that is not plain JSON (undefined, functions, NaN, Infinity, Dates…) is refused, so a
// snapshot can never hash differently from what it parses back to.

export function canonicalJson(value: unknown): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'string':
			return JSON.stringify(value);
		case 'number':
			if (!Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
			const proto = Object.getPrototypeOf(value);
			if (proto !== Object.prototype && proto !== null) throw new TypeError('canonical JSON: not a plain object');
			const entries = Object.entries(value as Record<string, unknown>);
			for (const [key, v] of entries) if (v === undefined) throw new TypeError(`canonical JSON: undefined at ${key}`);
			// The default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
			entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
			return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
		}
		default:
			throw new TypeError(`canonical JSON: ${typeof value} is not JSON`);
	}
}
