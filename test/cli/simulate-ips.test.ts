import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { generateIps, ipsRecipe } from '../../src/data/simulate/ips/write.ts';

describe('effekt simulate ips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-ips-'));

  it('writes the seeded twin (byte-identical to the library) and says it is synthetic', () => {
    const out = join(dir, 'ips.csv');
    const r = runCli(['simulate', 'ips', '--seed', '7', '--participants', '60', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SYNTHETIC IPS register panel, 60 participants');
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(generateIps(ipsRecipe(7, 60)).bytes))).toBe(true);
  });

  it('refuses to overwrite an existing file without --force, and a bad option, with exit 2', () => {
    const existing = join(dir, 'mine.csv');
    writeFileSync(existing, 'my data\n');
    const r = runCli(['simulate', 'ips', '--out', existing]);
    expect(r.code).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('my data\n');
    const bad = runCli(['simulate', 'ips', '--participants', '3', '--out', join(dir, 'y.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--participants must be 6…1000000');
  });
});
