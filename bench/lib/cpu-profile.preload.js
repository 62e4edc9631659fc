/**
 * Preloaded into a profiled process (`NODE_OPTIONS=--require …`, where `--cpu-prof` is not
 * allowed): starts V8's sampling profiler at once and, when the process exits (a graceful stop
 * ends in `process.exit`), writes `<CPU_PROFILE_DIR>/<PROCESS>-<pid>.cpuprofile`.
 */
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.enable');
session.post('Profiler.start');
process.on('exit', () => {
  // An in-thread session answers synchronously, so the file is written before the process ends.
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(process.env.CPU_PROFILE_DIR, `${process.env.PROCESS || 'main'}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
});
