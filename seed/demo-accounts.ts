import type { Role } from '../src/lib/model';
import type { Db } from '../src/lib/server/db/connection';
import { createUser, findUserByEmail, setMembership } from '../src/lib/server/auth/users';

// Demo accounts exist only when the demo command asks for them (`--demo-accounts`), never in a
// production seed. They share one published password, so they must never reach a real server.
export const DEMO_PASSWORD = 'avance-demo-2026';

const ALL = ['PATSS', 'UE-ECU-DESEMPLEO', 'UE-PER-DESEMPLEO', 'SLV/16/03/RBS'];

export const DEMO_ACCOUNTS: { email: string; name: string; isAdmin?: boolean; locale?: 'es' | 'en'; roles: [string, Role][] }[] = [
	{ email: 'admin@avance.test', name: 'Ana Administradora', isAdmin: true, roles: [] },
	{ email: 'coord.patss@avance.test', name: 'Carlos Coordinador (PATSS)', roles: [['PATSS', 'coordinator']] },
	{ email: 'coord2.patss@avance.test', name: 'Carmen Coordinadora (PATSS)', roles: [['PATSS', 'coordinator']] },
	{ email: 'coord.peru@avance.test', name: 'Pedro Coordinador (Perú)', roles: [['UE-PER-DESEMPLEO', 'coordinator']] },
	{ email: 'evaluator@avance.test', name: 'Elena Evaluadora', roles: ALL.map((code) => [code, 'evaluator'] as [string, Role]) },
	{
		email: 'donor.eu@avance.test',
		name: 'EU Delegation (donor)',
		locale: 'en',
		roles: [
			['UE-ECU-DESEMPLEO', 'donor'],
			['UE-PER-DESEMPLEO', 'donor']
		]
	},
	{ email: 'donor.iess@avance.test', name: 'Diana Donante (IESS)', roles: [['PATSS', 'donor']] }
];

export async function seedDemoAccounts(db: Db): Promise<void> {
	const programmes = await db.selectFrom('programme').select(['id', 'code']).execute();
	const idByCode = new Map(programmes.map((p) => [p.code, p.id]));
	for (const account of DEMO_ACCOUNTS) {
		await db.transaction().execute(async (trx) => {
			const existing = await findUserByEmail(trx, account.email);
			const userId =
				existing?.id ??
				(await createUser(
					trx,
					{ email: account.email, name: account.name, password: DEMO_PASSWORD, isAdmin: account.isAdmin, locale: account.locale },
					null
				));
			for (const [code, role] of account.roles) {
				const programmeId = idByCode.get(code);
				if (programmeId) await setMembership(trx, userId, programmeId, role, null);
			}
		});
	}
}
