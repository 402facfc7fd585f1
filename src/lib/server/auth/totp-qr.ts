import QRCode from 'qrcode';

// The enrolment's QR code (issue 23): most people add an account to their authenticator app by
// scanning it. Drawn on the server by `qrcode` as SVG and handed to the page as a data: address
// for an <img>, so no markup of ours or the library's is put into the page as HTML. Quiet zone of
// four modules (the standard's), error correction M.

export async function qrImage(text: string): Promise<string> {
	const svg = await QRCode.toString(text, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 4,
		color: { dark: '#000000', light: '#ffffff' }
	});
	return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
