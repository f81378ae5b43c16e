/**
 * Vega-Lite → Vega → SVG, headless (no canvas, no DOM): `renderer: 'none'` then toSVG().
 * Compiler warnings are collected and returned, not printed from deep inside.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { documentText } from '../../data/io/visible.ts';

type CompileOptions = NonNullable<Parameters<typeof compile>[1]>;
type Logger = NonNullable<CompileOptions['logger']>;

function collectingLogger(sink: string[]): Logger {
  let level = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      sink.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      sink.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as unknown as Logger;
}

export interface SvgResult {
  readonly svg: string;
  readonly warnings: readonly string[];
}

export async function renderSvgWithWarnings(spec: TopLevelSpec): Promise<SvgResult> {
  const warnings: string[] = [];
  const view = new View(parse(compile(spec, { logger: collectingLogger(warnings) }).spec), { renderer: 'none' });
  try {
    // config.aria = false leaves the root group's English roledescription; the figure in the page carries the localised label.
    // documentText: a label holding a control character (a spec text may) would make the SVG
    // unreadable XML (resvg refuses it: effekt report failed), a bidi override would reverse it.
    return { svg: documentText((await view.toSVG()).replace(/\s(?:aria-label|aria-roledescription|aria-hidden)="[^"]*"/g, '')), warnings };
  } finally {
    view.finalize();
  }
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  return (await renderSvgWithWarnings(spec)).svg;
}
