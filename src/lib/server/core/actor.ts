/** Whoever makes a change: the audit log records their id with every write. */
export interface Actor {
	id: number;
}
