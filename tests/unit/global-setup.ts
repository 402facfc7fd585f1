import { useRunTmpdir } from '../setup/run-tmpdir';

export default function setup() {
	useRunTmpdir();
}
