#!/usr/bin/env node
// Entry point of the `effekt` command. It runs the JavaScript that `npm ci` compiled into dist/
// (the `prepare` script, scripts/build.mjs), so start-up costs no TypeScript transpiling.
// When dist/ is missing or older than src/ (sources edited, a branch checked out, installed
// with --ignore-scripts), it runs the sources through tsx instead — slower, never stale — and
// says so on an interactive terminal (`npm run build` refreshes dist/). EFFEKT_FROM_SOURCE=1
// forces the sources.
//
// Staleness without walking src/: the build lists every file and folder of src/ in
// dist/.build.json, and one stat of each tells whether any changed after the build (an edited
// file has a newer time; an added, removed or renamed file changes its folder's time, and a
// listed path that is gone is a change too). package.json and the lock are checked as well:
// dist/_vendor/ holds bundles of the installed packages. An installed copy of effekt (inside
// node_modules) trusts its dist/.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** dist/.build.json, or null when there is no complete build. */
function buildRecord() {
  try {
    return JSON.parse(readFileSync(`${root}dist/.build.json`, 'utf8'));
  } catch {
    return null;
  }
}

/** True when a path changed after `since` or is gone (`mustExist`). */
function changed(path, since, mustExist) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s === undefined ? mustExist : s.mtimeMs > since;
}

/** Why dist/ cannot be run, or null when it is current. */
function staleness() {
  const build = buildRecord();
  if (build === null || typeof build.builtAt !== 'number') return 'dist/ has not been built';
  if (/[\\/]node_modules[\\/]/.test(root) || statSync(`${root}src`, { throwIfNoEntry: false }) === undefined) return null; // installed: dist/ is all there is
  if (!Array.isArray(build.sources)) return 'dist/ was built by an older build script';
  const at = build.builtAt;
  for (const p of build.sources) if (changed(root + p, at, true)) return 'src/ changed after dist/ was built';
  if (changed(`${root}package.json`, at, false) || changed(`${root}package-lock.json`, at, false)) return 'the installed packages changed after dist/ was built';
  return null;
}

function useDist() {
  if (process.env.EFFEKT_FROM_SOURCE === '1') return false;
  const why = staleness();
  if (why !== null && process.stderr.isTTY) {
    process.stderr.write(`effekt: ${why}; running the TypeScript sources (slower). \`npm run build\` compiles them.\n`);
  }
  return why === null;
}

// `effekt run` is a short batch job (≈ 15 s of CPU on the twin, most of it code that runs once
// or a few hundred times): with V8's default tier-up budget it hands ~700 functions to the
// optimising compiler (TurboFan), whose background compiles were ≈ 3–4 s of the run's CPU
// (--trace-opt; with --no-concurrent-recompilation the main thread grew by 3.1 s). Four times the
// budget let only the really hot code (the MI, MMRM and OLS loops) be optimised, a little later:
// ≈ 17.5 → 14.5 s of CPU per run (GNU time, 3 runs each, docs/performance.md). Eight times it
// (session 12, once the run's CPU had come down to ≈ 8 s): 8 interleaved pairs, median wall
// 5.33 → 5.16 s, CPU 9.5 → 9.1 s (cgroup, Chromium included); 16 times was no better. Twelve
// times (session 13, the run's CPU down to ≈ 6.6 s): 13 interleaved pairs against eight times,
// faster in 10 and cheaper in CPU in 12, medians 3.82 → 3.71 s and 6.77 → 6.58 s (8 pairs);
// five times was slower, sixteen no better than twelve. The flag
// changes when code is optimised, never what it computes: every output is byte-identical. Set
// here, before any of effekt's modules is loaded; V8 flags hold for the whole process, worker
// threads included.
const BATCH_COMMANDS = new Set(['run']);
if (BATCH_COMMANDS.has(process.argv[2]) && process.env.EFFEKT_V8_DEFAULTS !== '1') {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--interrupt-budget=811008');
}

// `effekt analyze` runs with a larger young generation (64 MB semi-spaces instead of V8's 16 MB):
// the MI chains, the refits and the MMRM allocate many short-lived arrays, and at registry scale
// the scavenger was ≈ 15 % of the CPU. At N = 10⁵ the MI plan (m = 20) took 55.7 / 62.9 / 59.6 s
// wall (104–117 s CPU) with it against 65.1 / 65.2 s (121–122 s CPU) without, peak RSS 860–911
// vs 843–880 MB, results.json byte-identical (docs/performance.md, session 6). The size of the
// main thread's heap is fixed when Node starts (v8.setFlagsFromString later reached only the
// worker threads), so the command runs again in a child Node with the flag (≈ 90 ms more
// start-up), which gets the terminal, the exit code and any signal sent to this process; if the
// child cannot be started, the command runs here as before.
//
// `effekt run` runs with V8 on its own threads (--single-threaded: each isolate compiles its hot
// functions and collects its garbage itself, instead of handing the work to V8's helper threads)
// and a young generation of 4 MB semi-spaces instead of 16 MB. On two cores the run's four
// threads and Chromium already keep both busy; the helpers' work came on top, with its
// hand-over and, for the larger young generation, more memory faulted in and out of cache.
// Session 14, interleaved runs of the twin: --single-threaded-gc alone −0.12 s wall, −0.16 s CPU
// (12 pairs); with --single-threaded and 4 MB semi-spaces a further −0.23 s and −0.6 s of CPU
// (10 of 10 faster); 2 MB was no better, 1 MB worse, 8 and 16 MB a little less good. At N = 10⁶
// (the 807 MB scale target as one run): 35.6 s and 58 s of CPU instead of 39.7 s and 67 s, peak
// RSS 2.63 GB instead of 2.56 GB. Outputs byte-identical. V8 takes these only at start-up (the
// GC ones set at run time abort it), so `npm start` gives them on Node's command line and a
// direct `effekt run` is respawned with them (≈ 0.1 s).
// EFFEKT_V8_DEFAULTS=1 keeps V8's defaults, as it does for the tier-up budget above.
const RUN_NODE_FLAGS = ['--single-threaded', '--max-semi-space-size=4'];
const RESPAWN_FLAGS = new Map([['analyze', ['--max-semi-space-size=64']], ['run', RUN_NODE_FLAGS]]);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs this command in a child Node with `flags`: its exit code and signal, or null if it could not start. */
async function respawn(flags) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  const ended = await new Promise((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  for (const signal of SIGNALS) process.off(signal, forward);
  return ended;
}

const respawnFlags = RESPAWN_FLAGS.get(process.argv[2]);
if (respawnFlags !== undefined && process.env.EFFEKT_V8_DEFAULTS !== '1' && !respawnFlags.every((f) => process.execArgv.includes(f))) {
  const ended = await respawn(respawnFlags);
  if (ended !== null) {
    if (ended.signal !== null) process.kill(process.pid, ended.signal); // end as the child did
    process.exit(ended.code ?? 1);
  }
}

let main;
if (useDist()) {
  // dist/_bundle/main.js: the command's code as one bundle (scripts/build.mjs, bundleCli); a
  // build made without esbuild has only the compiled files.
  const bundle = new URL('../dist/_bundle/main.js', import.meta.url);
  ({ main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
