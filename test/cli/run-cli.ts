import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/fixtures.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `effekt` entry point in a child process, as a user would. */
export function runCli(args: readonly string[], cwd = repoRoot): CliRun {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/effekt.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}
