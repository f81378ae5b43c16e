/** HTML text escaping, and JSON made safe to sit inside a <script> element. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON for <script type="application/json">: "</" and U+2028/9 escaped so the element cannot end early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<\//g, '<\\/')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Minified library source for an inline <script>: only a literal "</script" could end it early. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}
