#!/usr/bin/env node
// Entry point of the `effekt` command. It runs the JavaScript that `npm ci` compiled into dist/
// (the `prepare` script, scripts/build.mjs), so start-up costs no TypeScript transpiling.
// When dist/ is missing or older than src/ (sources edited, a branch checked out, installed
// with --ignore-scripts), it runs the sources through tsx instead — slower, never stale — and
// says so on an interactive terminal (`npm run build` refreshes dist/). EFFEKT_FROM_SOURCE=1
// forces the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** When dist/ was built (ms since the epoch), or null when there is no complete build. */
function builtAt() {
  try {
    return JSON.parse(readFileSync(new URL('dist/.build.json', root), 'utf8')).builtAt;
  } catch {
    return null;
  }
}

/** True when any file or folder under src/ changed after `since` (a folder's time covers a deleted file). */
function changedSince(dir, since) {
  if (statSync(dir).mtimeMs > since) return true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory() ? changedSince(p, since) : statSync(p).mtimeMs > since) return true;
  }
  return false;
}

function useDist() {
  if (process.env.EFFEKT_FROM_SOURCE === '1') return false;
  const at = builtAt();
  let why = null;
  if (typeof at !== 'number') why = 'dist/ has not been built';
  else {
    try {
      if (changedSince(new URL('src/', root), at)) why = 'src/ changed after dist/ was built';
    } catch {
      return true; // an installed package without src/: dist/ is all there is
    }
  }
  if (why !== null && process.stderr.isTTY) {
    process.stderr.write(`effekt: ${why}; running the TypeScript sources (slower). \`npm run build\` compiles them.\n`);
  }
  return why === null;
}

let main;
if (useDist()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
