/**
 * Escaping for the report's sinks. Every value that reaches the page — file names, hashes,
 * labels, free text, spec fields — passes through one of these; nothing is inserted raw.
 */
import { documentText, STEERING, visibleChar } from '../../data/io/visible.ts';

/**
 * HTML text and attribute values (the page quotes every attribute with "): & < > " escaped, and
 * control and bidi-override characters shown as \x01, \u202E (documentText), as the charts do.
 */
export function esc(s: string): string {
  return documentText(String(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JSON for <script type="application/json">: every <, > and & written as a \u escape (so neither
 * "</script" nor "<!--" can change how the element is parsed) and U+2028/9 escaped. JSON.parse
 * reads the same value back, but for the steering controls made visible (below).
 */
export function jsonForScript(value: unknown): string {
  // The bidi controls and C1 controls JSON leaves raw are written as a visible "\\u202E" (an
  // escaped backslash), so the charts drawn in the page show them as the SVG charts do.
  return JSON.stringify(value)
    .replace(STEERING, (c) => visibleChar(c).replace(/\\/g, '\\\\'))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Minified library source for an inline <script>: only a literal "</script" could end it early. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}
