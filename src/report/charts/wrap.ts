/** Plain text wrapping for chart labels and titles (no dependencies, so every chart file may use it). */
/** Words wrapped onto lines of at most `width` characters (a long word keeps its own line; a no-break space never breaks), joined by "\n". */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
