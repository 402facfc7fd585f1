// A scale database to look at by hand (issue 18): `npx tsx tests/bench/scale-db.ts <file.db> [sizes]`
// builds, with the bench's own generator, one programme per size (default 30, 300 and 3,000
// indicators × 12 periods), a draft report over every period of each (both languages), and a
// coordinator session; it prints the cookie and the report addresses. Serve a build on it
// (`DATABASE_PATH=<file.db> ORIGIN=http://127.0.0.1:3999 PORT=3999 node build`) and measure pages
// with curl, e.g. the page data of the report editor and preview at 3,000 indicators.
import { existsSync } from 'node:fs';
import { createSession } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase } from '../../src/lib/server/db/connection';
import { loadMigrationFolder } from '../../src/lib/server/db/cli-migrate';
import { runMigrations } from '../../src/lib/server/db/migrate';
import { getProgrammeBySlug } from '../../src/lib/server/programmes/programmes';
import { createReport } from '../../src/lib/server/reports/reports';
import { generateProgramme } from './generate';

const [path, sizesArg] = process.argv.slice(2);
if (!path) throw new Error('usage: tsx tests/bench/scale-db.ts <file.db> [30,300,3000]');
if (existsSync(path)) throw new Error(`${path} exists: give a new file`);
const sizes = (sizesArg ?? '30,300,3000').split(',').map(Number);

const db = openDatabase(path);
await runMigrations(db, await loadMigrationFolder());
const enteredBy = await createUser(db, { email: 'scale1@avance.test', name: 'Scale One', password: 'scale-password-1' }, null);
const reviewedBy = await createUser(db, { email: 'scale2@avance.test', name: 'Scale Two', password: 'scale-password-2' }, null);
const cookie = `avance_session=${(await createSession(db, enteredBy)).token}`;
for (const indicators of sizes) {
	const g = await generateProgramme(db, { slug: `scale-${indicators}`, indicators, enteredBy, reviewedBy });
	const programme = (await getProgrammeBySlug(db, g.slug))!;
	const reportId = await createReport(db, { id: enteredBy }, programme, {
		layout: 'oecd_dac',
		titleEs: 'Informe de escala',
		titleEn: 'Scale report',
		window: 'periods',
		periodIds: g.periodIds,
		windowStart: null,
		cutOff: null,
		languages: ['es', 'en']
	});
	console.log(`${indicators}: /programmes/${g.slug}/reports/${reportId}`);
}
console.log(`cookie: ${cookie}`);
await db.destroy();
