/**
 * No value reaches the report page unescaped: a report built from results whose every label,
 * name, file name and hash carries a script payload has no element, attribute or script other
 * than its own (the page's own markup check would throw), and the payloads appear as text.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.ts';
import { assertNoInjectedMarkup, contentSecurityPolicy } from '../../src/report/html/csp.ts';
import { esc, jsonForScript } from '../../src/report/html/escape.ts';
import { hostileEconomics, hostileResults, payloads } from '../helpers/hostile.ts';
import { economicsFile, resultsFile } from './inputs.ts';

describe('escaping', () => {
  it('esc escapes the five HTML specials', () => expect(esc(`<a href="x">&'`)).toBe(`&lt;a href=&quot;x&quot;&gt;&amp;'`));
  it('jsonForScript cannot end its element or open a comment, and reads back', () => {
    const v = { s: '</script><!--<script>&\u2028' };
    const j = jsonForScript(v);
    expect(j).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(j)).toEqual(v);
  });
});

describe('the page with hostile values everywhere', () => {
  it.each(['da', 'en'] as const)('%s: builds, carries the CSP, and every payload is text', async (lang) => {
    const built = await buildReport(hostileResults(resultsFile), hostileEconomics(economicsFile), { lang, date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^"]+'/);
    const body = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    expect(body).not.toContain("'unsafe-eval'");
    for (const p of payloads.filter((x) => x.includes('<'))) expect(body, p).not.toContain(p);
    expect(body).toContain(esc(payloads[0]));
    // The outcome's unit (labels.units) reaches the sentences with its payload as text.
    expect(body).toMatch(lang === 'en' ? /difference 5\.1 QPR points [^<]*&lt;/ : /forskel 5,1 QPR-point [^<]*&lt;/);
    const own = body.replace(/<img src="charts\/[a-z-]+\.png" alt="[^"<>]*" width="100%">/g, '').replace(/<style>[^<]*<\/style>/, '');
    expect(own.match(/<(img|iframe|svg|b|base|style|meta http-equiv="refresh)\b[^>]*>/gi) ?? []).toEqual([]);
    // The diagram wraps long box lines at spaces, so the payload is checked up to its first space.
    expect(String(built.artefacts.find((a) => a.name === 'charts/consort.svg')!.content)).toContain('SAU &lt;img');
    for (const a of built.artefacts.filter((x) => x.name.endsWith('.svg'))) {
      const svg = String(a.content);
      expect(svg, a.name).not.toMatch(/<(script|img|iframe|foreignObject|a)\b/i);
      expect(svg, a.name).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
  });

  it('the markup check catches what escaping would have prevented', () => {
    expect(() => assertNoInjectedMarkup('<p><img src=x onerror="alert(1)"></p>', 0)).toThrow(/event handler on <img>/);
    expect(() => assertNoInjectedMarkup('<p></p><script>alert(1)</script>', 0)).toThrow(/1 <script> elements, expected 0/);
    expect(() => assertNoInjectedMarkup('<a href="javascript:alert(1)">x</a>', 0)).toThrow(/script URL/);
    expect(() => assertNoInjectedMarkup('<iframe></iframe>', 0)).toThrow(/<iframe> element/);
    expect(() => assertNoInjectedMarkup('<p title="a &lt;img onerror=x&gt;">x</p>', 0)).not.toThrow();
  });

  it('the policy forbids every load and inline handler', () => {
    const csp = contentSecurityPolicy(['a']);
    for (const d of ["default-src 'none'", "connect-src 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-inline\' \'sha');
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  });
});
