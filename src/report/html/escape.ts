/**
 * Escaping for the report's sinks. Every value that reaches the page — file names, hashes,
 * labels, free text, spec fields — passes through one of these; nothing is inserted raw.
 */

/** HTML text and attribute values (the page quotes every attribute with "): & < > " escaped. */
export function esc(s: string): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JSON for <script type="application/json">: every <, > and & written as a \u escape (so neither
 * "</script" nor "<!--" can change how the element is parsed) and U+2028/9 escaped. JSON.parse
 * reads the same value back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
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
