import { defineMessages } from '../define';

// Sign-in with the organisation's account (OpenID Connect, issue 23): the button, and each reason
// a sign-in through the provider can end on the sign-in page.
export const signInOidc = defineMessages(
	{
		'oidc.button': 'Iniciar sesión con la cuenta de {name}',
		'oidc.or': 'o con su contraseña de Avance',
		'oidc.failure.unavailable':
			'No se pudo contactar con el proveedor de identidad de su organización, o no es el configurado. Inténtelo más tarde o avise al administrador.',
		'oidc.failure.state':
			'Ese inicio de sesión ya no es válido (caducó, ya se usó o no empezó en este navegador). Vuelva a pulsar el botón de su organización.',
		'oidc.failure.refused': 'El proveedor de identidad no completó el inicio de sesión (lo canceló o no se le permitió).',
		'oidc.failure.token':
			'La respuesta del proveedor de identidad no superó las comprobaciones de seguridad (emisor, destinatario, caducidad o firma). No se abrió ninguna sesión; avise al administrador si se repite.',
		'oidc.failure.unverified':
			'Su proveedor de identidad no confirma su dirección de correo, así que Avance no puede saber qué cuenta es la suya.',
		'oidc.failure.unknown':
			'Avance no tiene una cuenta para esta persona. Las cuentas las crea un administrador: pídale que cree la suya con la dirección de correo de su organización.',
		'oidc.failure.inactive': 'Su cuenta de Avance está desactivada. Consulte al administrador.',
		'oidc.passwordDisabled': 'Las personas de esta organización inician sesión con la cuenta de la organización, no con contraseña.',
		'audit.action.sign_in_oidc': 'Inició sesión con la cuenta de la organización',
		'audit.action.link_identity': 'Vinculó la cuenta de la organización',
		'audit.entity.identity': 'Cuenta de la organización',
		'audit.field.issuer': 'Proveedor',
		'audit.field.subject': 'Identificador en el proveedor'
	},
	{
		'oidc.button': 'Sign in with your {name} account',
		'oidc.or': 'or with your Avance password',
		'oidc.failure.unavailable':
			"Your organisation's identity provider could not be reached, or is not the one configured. Try again later or tell the administrator.",
		'oidc.failure.state':
			"That sign-in is no longer valid (it expired, was already used or did not start in this browser). Press your organisation's button again.",
		'oidc.failure.refused': 'The identity provider did not complete the sign-in (it was cancelled or not allowed).',
		'oidc.failure.token':
			"The identity provider's answer failed the security checks (issuer, audience, expiry or signature). No session was opened; tell the administrator if it happens again.",
		'oidc.failure.unverified': 'Your identity provider does not confirm your e-mail address, so Avance cannot tell which account is yours.',
		'oidc.failure.unknown':
			"Avance has no account for this person. Accounts are created by an administrator: ask them to create yours with your organisation's e-mail address.",
		'oidc.failure.inactive': 'Your Avance account is deactivated. Ask the administrator.',
		'oidc.passwordDisabled': "People of this organisation sign in with the organisation's account, not a password.",
		'audit.action.sign_in_oidc': "Signed in with the organisation's account",
		'audit.action.link_identity': "Linked the organisation's account",
		'audit.entity.identity': "Organisation's account",
		'audit.field.issuer': 'Provider',
		'audit.field.subject': 'Identifier at the provider'
	}
);
