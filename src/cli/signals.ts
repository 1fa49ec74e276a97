// Imported first by main.ts, before the modules that take a second to load: from here on a Ctrl-C
// or SIGTERM stops the kernels and keeps what was made (src/harness/runner/interrupt.ts). A signal
// that arrives earlier ends node before anything was started.
import { handleSignals } from '../harness/runner/interrupt';

handleSignals();
