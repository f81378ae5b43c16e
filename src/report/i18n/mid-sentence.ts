/**
 * An arm's name as it reads inside a sentence ("… give better recovery than service as usual"):
 * the first letter lowercased, unless the first word is a single letter, an acronym or written
 * with capitals inside ("A", "TAU", "CBT-based care", "eHealth"): those stay as the spec writes them.
 */
export function midSentence(name: string): string {
  const first = /^\p{L}*/u.exec(name)![0];
  const keep = first.length === 1 || /\p{Lu}/u.test(first.slice(1)) || /\p{Ll}/u.test(first.charAt(0));
  return keep ? name : name.charAt(0).toLowerCase() + name.slice(1);
}
