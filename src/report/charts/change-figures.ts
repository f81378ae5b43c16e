/**
 * What the change-over-time chart plots in each panel, and the words its title, axis, caption,
 * alt text and section intro use for it. The chart had said "adjusted mean per group at each
 * follow-up visit" for every outcome; a binary outcome's panel plots proportions (standardised or
 * observed) and a count's the observed rates or mean counts (arm-figures.ts). HSAUR3::respiratory's
 * placebo at month 4 had been an "adjusted mean" of 0.4, now a standardised proportion of 43.2 %.
 * Scores and continuous outcomes (every panel of the PEER twin) keep the adjusted-mean words, byte
 * for byte; panels of different figures get a generic heading and each panel's figure under its
 * outcome's name.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { armFigures, type ArmFigures } from './arm-figures.ts';
import type { ChartContext } from './types.ts';

export interface ChangeFigures {
  /** Every panel's figures are adjusted means: the words as they were. */
  readonly means: boolean;
  /** What `main`'s panel plots (null: adjusted means). */
  figure(main: OutcomeResult): ArmFigures | null;
  /** A panel's own figure under its outcome's name, when panels differ; null otherwise. */
  panelNote(main: OutcomeResult): string | null;
  /** A number on `main`'s scale as plotted (a proportion in percent). */
  plotted(main: OutcomeResult, x: number): number;
  /** A figure of `main` in words (the alt text), "43.2%" or "3.98"; an adjusted mean to 1 decimal. */
  value(main: OutcomeResult, x: number): string;
  readonly title: string;
  readonly axis: string;
  readonly caption: string;
  /** The section's first sentences (before the k-arm sources and the left-out outcomes). */
  readonly intro: string;
  alt(visits: string, primary: string): string;
}

const upperFirst = (x: string) => `${x.charAt(0).toUpperCase()}${x.slice(1)}`;

/** `panels`: the main rows drawn, one per outcome. */
export function changeFigures(ctx: ChartContext, panels: readonly OutcomeResult[]): ChangeFigures {
  const { t } = ctx;
  const figure = (main: OutcomeResult) => armFigures(ctx, main);
  const withScale = (f: ArmFigures | null) => (f ? `${f.name}${f.scale === 100 ? ', %' : ''}` : t.msg.adjustedMean.toLowerCase());
  const names = new Set(panels.map((p) => figure(p)?.name ?? null));
  const means = [...names].every((n) => n === null);
  // One figure every panel shares ("standardised proportion"), null when panels differ.
  const shared = names.size === 1 ? figure(panels[0]) : null;
  const per = shared?.name ?? null;
  return {
    means,
    figure,
    panelNote: (main) => (names.size > 1 ? `(${withScale(figure(main))})` : null),
    plotted: (main, x) => x * (figure(main)?.scale ?? 1),
    value: (main, x) => figure(main)?.value(x) ?? t.fmt.num(x, 1),
    title: means ? t.msg.changeChartTitle : t.msg.changeChartTitleOf(per),
    axis: means ? t.msg.changeAxisY : shared ? upperFirst(withScale(shared)) : t.msg.changeAxisYMixed,
    caption: means ? t.msg.changeCaption : t.msg.changeCaptionOf(per),
    intro: means ? t.msg.changeIntro : t.msg.changeIntroOf(per),
    alt: (visits, primary) => (means ? t.msg.changeAlt(visits, primary) : t.msg.changeAltOf(per, visits, primary)),
  };
}
