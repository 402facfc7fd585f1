import { defineMessages } from '../define';

// The second factor (TOTP with recovery codes): enrolment on the account page, the code at
// sign-in, the admin's reset (issue 23).
export const secondFactor = defineMessages(
	{
		'totp.title': 'Segundo factor',
		'totp.intro':
			'Al iniciar sesión con contraseña, Avance le pedirá además un código de seis dígitos de una aplicación de autenticación (Microsoft Authenticator, Google Authenticator, FreeOTP…).',
		'totp.on': 'Activado. Códigos de recuperación sin usar: {count}.',
		'totp.off': 'No activado.',
		'totp.required': 'Esta instancia exige un segundo factor a los administradores: actívelo para entrar en Administración.',
		'totp.start': 'Activar el segundo factor',
		'totp.scan':
			'Escanee el código QR con su aplicación (o agregue la cuenta con la clave o el enlace otpauth) y escriba el código que muestra.',
		'totp.key': 'Clave',
		'totp.uri': 'Enlace otpauth',
		'totp.code': 'Código de seis dígitos',
		'totp.confirm': 'Confirmar',
		'totp.recoveryTitle': 'Sus códigos de recuperación',
		'totp.recoveryOnce': 'Guárdelos en un lugar seguro: se muestran solo esta vez. Cada uno sirve una vez si pierde su teléfono.',
		'totp.wrongCode': 'El código no es correcto o ya se usó. Escriba el que muestra ahora su aplicación.',
		'totp.noEnrolment': 'Empiece de nuevo la activación.',
		'totp.alreadyEnrolled': 'El segundo factor ya está activado.',
		'totp.signInTitle': 'Código de verificación',
		'totp.signInIntro': 'Escriba el código de seis dígitos de su aplicación, o uno de sus códigos de recuperación.',
		'totp.codeOrRecovery': 'Código o código de recuperación',
		'totp.verify': 'Verificar',
		'totp.expired': 'La verificación caducó: inicie sesión otra vez.',
		'totp.adminReset': 'Quitar el segundo factor',
		'totp.adminResetHint': 'Si la persona perdió su teléfono: podrá activarlo de nuevo. Sus sesiones abiertas se cierran.',
		'totp.adminResetDone': 'Segundo factor quitado; las sesiones de la cuenta se cerraron.',
		'totp.adminState.on': 'Segundo factor activado.',
		'totp.adminState.off': 'Sin segundo factor.',
		'totp.enrolled': 'Segundo factor activado.',
		'audit.action.enrol_second_factor': 'Activó el segundo factor',
		'audit.action.reset_second_factor': 'Quitó el segundo factor',
		'audit.action.sign_in_second_factor': 'Inició sesión con segundo factor',
		'audit.field.method': 'Con',
		'totp.accountThrottled':
			'Demasiados códigos incorrectos para esta cuenta, desde varios lugares. Espere {wait} e inténtelo de nuevo. Si no fue usted, alguien conoce su contraseña: cámbiela al entrar o pida ayuda a un administrador.',
		'totp.qrAlt': 'Código QR para agregar Avance a su aplicación de autenticación (la misma clave que se muestra al lado)'
	},
	{
		'totp.title': 'Second factor',
		'totp.intro':
			'When you sign in with a password, Avance will also ask for a six-digit code from an authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP…).',
		'totp.on': 'On. Unused recovery codes: {count}.',
		'totp.off': 'Not on.',
		'totp.required': 'This instance requires administrators to have a second factor: turn it on to enter Administration.',
		'totp.start': 'Turn on the second factor',
		'totp.scan': 'Scan the QR code with your app (or add the account with the key or the otpauth link) and type the code it shows.',
		'totp.key': 'Key',
		'totp.uri': 'otpauth link',
		'totp.code': 'Six-digit code',
		'totp.confirm': 'Confirm',
		'totp.recoveryTitle': 'Your recovery codes',
		'totp.recoveryOnce': 'Keep them somewhere safe: they are shown only this once. Each works once if you lose your phone.',
		'totp.wrongCode': 'The code is wrong or was already used. Type the one your app shows now.',
		'totp.noEnrolment': 'Start the set-up again.',
		'totp.alreadyEnrolled': 'The second factor is already on.',
		'totp.signInTitle': 'Verification code',
		'totp.signInIntro': 'Type the six-digit code from your app, or one of your recovery codes.',
		'totp.codeOrRecovery': 'Code or recovery code',
		'totp.verify': 'Verify',
		'totp.expired': 'The verification expired: sign in again.',
		'totp.adminReset': 'Remove the second factor',
		'totp.adminResetHint': 'If the person lost their phone: they can turn it on again. Their open sessions end.',
		'totp.adminResetDone': 'Second factor removed; the account’s sessions were ended.',
		'totp.adminState.on': 'Second factor on.',
		'totp.adminState.off': 'No second factor.',
		'totp.enrolled': 'Second factor on.',
		'audit.action.enrol_second_factor': 'Turned on the second factor',
		'audit.action.reset_second_factor': 'Removed the second factor',
		'audit.action.sign_in_second_factor': 'Signed in with a second factor',
		'audit.field.method': 'With',
		'totp.accountThrottled':
			'Too many wrong codes for this account, from more than one place. Wait {wait} and try again. If it was not you, someone knows your password: change it once you are in, or ask an admin for help.',
		'totp.qrAlt': 'QR code to add Avance to your authenticator app (the same key as shown beside it)'
	}
);
