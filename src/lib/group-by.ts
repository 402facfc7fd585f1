/** Rows by key, in their order (Map.groupBy arrives in Node 21; the app runs on Node 20). */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
	const map = new Map<K, T[]>();
	for (const row of rows) {
		const k = key(row);
		let list = map.get(k);
		if (!list) map.set(k, (list = []));
		list.push(row);
	}
	return map;
}
