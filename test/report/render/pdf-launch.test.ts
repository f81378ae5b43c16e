/**
 * How the report's Chromium is launched and driven (src/report/render/pdf.ts, chromiumSwitches,
 * and devtools-pipe.ts): Chromium honours only the last --disable-features, so the browser's own
 * command line, read back from /proc, must hold exactly one, with Playwright's features and ours;
 * no omnibox pop-up is loaded; prints take turns in one tab; a single-process browser that ends
 * is replaced by an ordinary one; nothing is left behind (process, profile folder). Skipped
 * without Chromium or /proc.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, chromiumSwitches, NO_SOFTWARE_GPU_ARG, openPdfPrinter, OWN_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, SINGLE_PROCESS_ARG } from '../../../src/report/render/pdf.ts';
import { launchBrowser } from '../../../src/report/render/devtools-pipe.ts';

const linux = existsSync(`/proc/${process.pid}/task`);

/** The command lines (arguments) of this process's children driven over a DevTools pipe. */
function browserCommandLines(): string[][] {
  return browsers().map((b) => b.args);
}

function browsers(): Array<{ pid: number; args: string[] }> {
  const out: Array<{ pid: number; args: string[] }> = [];
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
        if (args.includes('--remote-debugging-pipe')) out.push({ pid: Number(k), args });
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

/**
 * Runs `body` with TMPDIR (and so tmpdir()) set to a fresh folder of its own: what a browser
 * leaves is then this test's alone, not mixed with other test files' browsers running meanwhile.
 */
async function withOwnTmpdir(body: (dir: string) => Promise<void>): Promise<void> {
  const saved = process.env.TMPDIR;
  const own = mkdtempSync(join(tmpdir(), 'effekt-tmpdir-'));
  process.env.TMPDIR = own;
  try {
    await body(own);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(own, { recursive: true, force: true });
  }
}

describe.skipIf(!chromiumAvailable() || !linux)('Chromium launch switches', () => {
  it('gives the browser one --disable-features with Playwright’s features and ours, and no omnibox pop-up', async () => {
    const browser = await launchBrowser(CHROMIUM_PATH, chromiumSwitches());
    try {
      const lines = browserCommandLines();
      expect(lines.length).toBeGreaterThan(0);
      for (const args of lines) {
        const switches = args.filter((a) => a.startsWith('--disable-features='));
        expect(switches).toHaveLength(1);
        const features = switches[0].slice('--disable-features='.length).split(',');
        for (const f of [...PLAYWRIGHT_DISABLED_FEATURES, ...OWN_DISABLED_FEATURES]) expect(features).toContain(f);
      }
      await browser.send('Target.createTarget', { url: 'about:blank' });
      const { targetInfos } = await browser.send<{ targetInfos: Array<{ url: string }> }>('Target.getTargets');
      expect(targetInfos.filter((t) => t.url.includes('omnibox'))).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(browsers()).toEqual([]);
  }, 120_000);

  it('gives Chromium the switches the installed playwright-core gives it, and no software GPU (update PLAYWRIGHT_SWITCHES when this fails)', async () => {
    // The PDFs' bytes were made under Playwright's switches; a Playwright upgrade that changes
    // them is worth a look (and a byte comparison) before the printer follows.
    const { chromium } = await import('playwright-core');
    const pw = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    let theirs: string[];
    try {
      [theirs] = browserCommandLines();
    } finally {
      await pw.close();
    }
    const ours = await launchBrowser(CHROMIUM_PATH, chromiumSwitches());
    let mine: string[];
    try {
      [mine] = browserCommandLines();
    } finally {
      await ours.close();
    }
    const plain = (args: string[]) => new Set(args.slice(1).filter((a) => !a.startsWith('--user-data-dir=') && !a.startsWith('--disable-features=')));
    // Theirs, and ours besides: no software GPU (the printer composites nothing).
    expect([...plain(mine)].sort()).toEqual([...plain(theirs), NO_SOFTWARE_GPU_ARG].sort());
    const features = (args: string[]) => args.find((a) => a.startsWith('--disable-features='))!.slice('--disable-features='.length).split(',');
    expect(features(mine)).toEqual([...features(theirs), ...OWN_DISABLED_FEATURES]);
  }, 120_000);

  it('removes the browser’s folder when closed, and says why a browser did not start', async () => {
    await withOwnTmpdir(async (own) => {
      const browser = await launchBrowser(CHROMIUM_PATH, chromiumSwitches({ singleProcess: true }));
      expect(readdirSync(own).filter((f) => f.startsWith('effekt-chromium-'))).toHaveLength(1);
      await browser.close();
      expect(readdirSync(own)).toEqual([]);
      await expect(launchBrowser('/bin/false', [])).rejects.toThrow(/Chromium ended \(exit code 1\)/);
      expect(readdirSync(own)).toEqual([]);
    });
  }, 120_000);

  it('leaves nothing in the temporary folder, also when the browser is killed or closed before any print', async () => {
    await withOwnTmpdir(async (own) => {
      for (const end of ['close', 'kill'] as const) {
        const browser = await launchBrowser(CHROMIUM_PATH, chromiumSwitches({ singleProcess: true }));
        const [{ pid, args }] = browsers();
        // Chromium keeps its own temporary files in the folder effekt made for it, not in TMPDIR itself.
        const tmp = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((v) => v.startsWith('TMPDIR='))!.slice('TMPDIR='.length);
        const profile = args.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
        expect(join(tmp, '..')).toBe(join(profile, '..'));
        expect(readdirSync(own)).toHaveLength(1);
        if (end === 'kill') process.kill(pid, 'SIGKILL');
        await browser.close();
        expect(readdirSync(own), end).toEqual([]);
      }
    });
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

  it('prints in one single-process browser, a page from a file after a print page (one browser context)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-pdf-'));
    const printer = openPdfPrinter();
    try {
      writeFileSync(join(dir, 'page.html'), '<!doctype html><html><head><meta charset="utf-8"></head><body><p>from a file</p><script>window.__reportReady = true;</script></body></html>');
      const a = await printer.print({ html: '<!doctype html><p>whole</p>' });
      const lines = browserCommandLines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(SINGLE_PROCESS_ARG);
      const b = await printer.print(join(dir, 'page.html'));
      const c = await printer.print({ html: '<!doctype html><p>whole again</p>' });
      expect(a.written && b.written && c.written).toBe(true);
      expect(browserCommandLines()).toHaveLength(1); // still the same browser: none ended, none started again
    } finally {
      await printer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('prints in an ordinary browser when the single-process one has ended, and leaves nothing in the temporary folder', async () => {
    await withOwnTmpdir(async (own) => {
      await printsInOrdinaryBrowser();
      // An ordinary browser's helper processes outlived it and wrote into its removed folder
      // (one effekt-chromium-* folder left per run) until the whole process group was ended.
      expect(readdirSync(own)).toEqual([]);
    });
  }, 120_000);
});

async function printsInOrdinaryBrowser(): Promise<void> {
  {
    const page = { html: '<!doctype html><html><head><meta charset="utf-8"></head><body><p>x</p></body></html>' };
    const alone = openPdfPrinter();
    let expected: Uint8Array;
    try {
      const r = await alone.print(page, { date: '2026-11-25' });
      if (!r.written) throw new Error(r.notice);
      expected = r.bytes;
    } finally {
      await alone.close();
    }
    const printer = openPdfPrinter();
    try {
      await printer.print(page); // the browser is up
      const [single] = browsers();
      expect(single.args).toContain(SINGLE_PROCESS_ARG);
      process.kill(single.pid, 'SIGKILL');
      const r = await printer.print(page, { date: '2026-11-25' });
      if (!r.written) throw new Error(r.notice);
      expect(Buffer.from(r.bytes).equals(Buffer.from(expected))).toBe(true);
      const now = browsers();
      expect(now).toHaveLength(1);
      expect(now[0].args).not.toContain(SINGLE_PROCESS_ARG);
    } finally {
      await printer.close();
    }
    expect(browsers()).toEqual([]); // the browser started again is closed too
  }
}
