import { defineMessages } from '../define';

export const auth = defineMessages(
	{
		'login.title': 'Iniciar sesión',
		'login.intro': 'Entre con la cuenta que le dio el administrador de Avance.',
		'login.email': 'Correo electrónico',
		'login.password': 'Contraseña',
		'login.submit': 'Entrar',
		'login.failed': 'El correo o la contraseña no son correctos.',
		'login.throttled': 'Demasiados intentos fallidos. Espere {wait} e inténtelo de nuevo.',
		'login.demoHint': 'Cuentas de demostración: vea el README.',
		'role.coordinator': 'Coordinación',
		'role.evaluator': 'Evaluación',
		'role.donor': 'Donante',
		'role.admin': 'Administración'
	},
	{
		'login.title': 'Sign in',
		'login.intro': 'Use the account the Avance administrator gave you.',
		'login.email': 'Email',
		'login.password': 'Password',
		'login.submit': 'Sign in',
		'login.failed': 'The email or password is not correct.',
		'login.throttled': 'Too many failed attempts. Wait {wait} and try again.',
		'login.demoHint': 'Demo accounts: see the README.',
		'role.coordinator': 'Coordinator',
		'role.evaluator': 'Evaluator',
		'role.donor': 'Donor',
		'role.admin': 'Administrator'
	}
);
