/**
 * The one notation for a character that must not be written as itself (a control character in a
 * terminal, a character XML cannot hold in a workbook): \r for a carriage return, \n for a line
 * feed, \xHH up to U+00FF, \uHHHH above (\u{HHHHH} beyond U+FFFF). Shown this way the reader sees exactly what the input
 * holds, and nothing is dropped.
 */
export function visibleChar(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  const code = c.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/**
 * A value from an input shown inside one line of a message: its line breaks (and tabs) made
 * visible, so a title or cell holding "\nALL CHECKS PASSED" cannot print a line of its own. The
 * terminal's other controls are made visible when the message is printed (src/cli/ui/terminal.ts).
 */
export function singleLine(value: string): string {
  return value.replace(/[\n\r\t\u2028\u2029\u0085]/g, (c) => (c === '\t' ? '\\t' : visibleChar(c)));
}

// Characters XML 1.0 cannot hold: the C0 controls but tab, line feed and carriage return,
// U+FFFE, U+FFFF and lone surrogates.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text an XML document (an SVG chart, a workbook's strings) can hold: each character XML cannot
 * hold shown as \x01, \uFFFF. Written as itself it makes the document unreadable — resvg refuses
 * the chart, Excel calls the workbook damaged — and dropped it would hide what the input held.
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_IN_XML, visibleChar);
}

// What a document shows a reader but no text should steer: DEL and the C1 controls (0x9B is a
// terminal's CSI), and the bidi embeddings, overrides and isolates that make "Kolding\u202Eevil"
// display reversed.
export const STEERING = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a document a person reads — the report's HTML and SVG, a CSV or a workbook: xmlSafe,
 * and the controls that steer what is shown made visible too. Text without them is unchanged.
 */
export function documentText(text: string): string {
  return xmlSafe(text).replace(STEERING, visibleChar);
}
