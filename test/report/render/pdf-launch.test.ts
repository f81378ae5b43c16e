/**
 * How the report's Chromium is launched (src/report/render/pdf.ts, chromiumLaunchOptions):
 * Chromium honours only the last --disable-features, so ours must replace Playwright's (same
 * list plus the omnibox pop-ups), never sit beside it. The browser's own command line is read
 * back from /proc: exactly one --disable-features, holding Playwright's features and ours. When
 * a Playwright upgrade changes its list, ignoreDefaultArgs no longer matches and this fails:
 * copy the new list into PLAYWRIGHT_DISABLED_FEATURES. Skipped without Chromium or /proc.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromiumAvailable, chromiumLaunchOptions, openPdfPrinter, OWN_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES } from '../../../src/report/render/pdf.ts';

const linux = existsSync(`/proc/${process.pid}/task`);

/** The command lines (arguments) of this process's children that talk to Playwright over a pipe. */
function browserCommandLines(): string[][] {
  const out: string[][] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      continue;
    }
    for (const k of kids) {
      try {
        const args = readFileSync(`/proc/${k}/cmdline`, 'utf8').split('\0').filter(Boolean);
        if (args.includes('--remote-debugging-pipe')) out.push(args);
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

describe.skipIf(!chromiumAvailable() || !linux)('Chromium launch switches', () => {
  it('gives the browser one --disable-features with Playwright’s features and ours', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const lines = browserCommandLines();
      expect(lines.length).toBeGreaterThan(0);
      for (const args of lines) {
        const switches = args.filter((a) => a.startsWith('--disable-features='));
        expect(switches).toHaveLength(1);
        const features = switches[0].slice('--disable-features='.length).split(',');
        for (const f of [...PLAYWRIGHT_DISABLED_FEATURES, ...OWN_DISABLED_FEATURES]) expect(features).toContain(f);
      }
      // And no omnibox pop-up is loaded beside a page.
      const page = await browser.newPage();
      await page.setContent('<p>x</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ url: string }> };
      expect(targetInfos.filter((t) => t.url.includes('omnibox'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('prints several pages in turn in one tab, each as printed alone', async () => {
    const page = (n: number) => ({ html: `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Page ${n}</h1><svg width="100" height="50"><rect width="${10 * n}" height="20" fill="#1f5f8b"/></svg></body></html>` });
    const shared = openPdfPrinter();
    let together: Uint8Array[];
    try {
      together = await Promise.all([1, 2, 3].map(async (n) => {
        const r = await shared.print(page(n), { date: '2026-11-25' });
        if (!r.written) throw new Error(r.notice);
        return r.bytes;
      }));
    } finally {
      await shared.close();
    }
    for (const [i, n] of [1, 2, 3].entries()) {
      const alone = openPdfPrinter();
      try {
        const r = await alone.print(page(n), { date: '2026-11-25' });
        if (!r.written) throw new Error(r.notice);
        expect(Buffer.from(together[i]).equals(Buffer.from(r.bytes))).toBe(true);
      } finally {
        await alone.close();
      }
    }
  }, 180_000);

  it('ends the browser by itself after the prints it was told of', async () => {
    const printer = openPdfPrinter({ prints: 2 });
    const page = { html: '<!doctype html><p>x</p>' };
    const [a, b] = await Promise.all([printer.print(page), printer.print(page)]);
    expect(a.written && b.written).toBe(true);
    await printer.close(); // the shutdown already under way
    await expect(printer.print(page)).rejects.toThrow('closed');
  }, 120_000);
});
