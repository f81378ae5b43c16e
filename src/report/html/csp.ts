/**
 * The report's Content-Security-Policy and a last check of the page before it is written.
 *
 * The page is one offline file with vega, vega-lite and vega-embed inlined, so the policy allows
 * exactly those inline scripts by their SHA-256 (and the boot script), nothing else: no inline
 * event handler, no javascript: URL, no script or stylesheet or font from anywhere, no network
 * request (connect-src 'none'), no <base>, no form, no plug-in. Vega runs in its CSP mode
 * (vega-embed's `ast: true`: expressions interpreted, never compiled with Function()), so
 * 'unsafe-eval' is not needed. Styles may be inline (vega-embed and the SVG set them); CSS
 * cannot run script, and with every load blocked it cannot send anything anywhere.
 */
import { createHash } from 'node:crypto';

/** The value of a CSP hash source for an inline script's exact text. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(inlineScripts: readonly string[]): string {
  return [
    "default-src 'none'",
    // No inline script at all (the page Chromium prints): 'none', never an empty list.
    `script-src ${inlineScripts.length ? inlineScripts.map(scriptHash).join(' ') : "'none'"}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data: file:",
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The <meta> element carrying the policy (it must precede every script). */
export function cspMeta(inlineScripts: readonly string[]): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScripts)}">`;
}

/**
 * Checks the finished page for markup no section should ever produce: an event-handler
 * attribute, a javascript: URL, or a script/iframe/object/embed/base/form/meta-refresh element
 * other than those the page assembly put there. Text in script elements is skipped. Throws:
 * a page that fails is a bug, and is not written.
 */
export function assertNoInjectedMarkup(html: string, expectedScripts: number): void {
  const outsideScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
  const problems: string[] = [];
  const scripts = (outsideScripts.match(/<script\b/gi) ?? []).length;
  if (scripts !== expectedScripts) problems.push(`${scripts} <script> elements, expected ${expectedScripts}`);
  for (const m of outsideScripts.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g)) {
    const [, tag, attrs] = m;
    if (/^(iframe|frame|object|embed|base|form|link|applet)$/i.test(tag)) problems.push(`a <${tag}> element`);
    // Attribute names only: a quoted value may well mention "onerror=" as text.
    if (/(^|\s)on[a-z]+\s*=/i.test(attrs.replace(/"[^"]*"|'[^']*'/g, '""'))) problems.push(`an event handler on <${tag}>`);
    if (/(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data:text\/html)/i.test(attrs)) problems.push(`a script URL on <${tag}>`);
    if (tag.toLowerCase() === 'meta' && /http-equiv\s*=\s*["']?refresh/i.test(attrs)) problems.push('a meta refresh');
  }
  if (problems.length) throw new Error(`the report page failed its markup check (${problems.join('; ')}): a value reached the HTML unescaped`);
}
