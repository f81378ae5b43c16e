/** File names only: results.json may record absolute input paths, which say nothing to a reader and differ between machines. */
export function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}
