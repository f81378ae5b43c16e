/** A file's SHA-256, read 4 MB at a time (a registry-size file is never held whole: 0.8 GB at 10⁶ participants). */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 22);
  const fd = openSync(file, 'r');
  try {
    for (let got = readSync(fd, buffer, 0, buffer.length, null); got > 0; got = readSync(fd, buffer, 0, buffer.length, null)) hash.update(buffer.subarray(0, got));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
