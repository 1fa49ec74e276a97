// Preloaded into the tslab kernel (node --require) by launch.sh.
//
// tslab 1.0.22 drives TypeScript's watch compiler with a fake timer that allows only one pending
// rebuild. When a file is created or deleted in a folder the compiler watches (say a new module in
// src/), TypeScript's directory watcher schedules a second rebuild and from then on every cell
// fails with "Unexpected pending rebuildTimer" until the kernel restarts. Edits to existing files
// reach tslab through file watchers, which stay; only directory watching is turned off, so a new
// file is picked up when a cell first imports it.
'use strict';
const ts = require('@tslab/typescript-for-tslab');
ts.sys.watchDirectory = () => ({ close() {} });
