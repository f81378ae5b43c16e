/**
 * The CONSORT flow diagram drawn from results.consort: boxes (rect), their text and connecting
 * rules on a fixed pixel grid, one column per arm. Every count passes the "<5" rule, loss
 * reasons included. Randomised = lost + analysed (and = received + not received), so the
 * analysed (received) n is "–" when the loss (non-receipt) it implies is 1–4 (formatPart).
 */
import type { ChartBuilder, ChartContext } from './types.ts';
import { base, colours } from './theme.ts';
import { vl } from './spec.ts';
import { formatCountGroup, formatPart, publishedLabel } from '../privacy.ts';
import { isSmallCount } from '../i18n/format.ts';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly text: string;
  readonly emphasis: boolean;
}

const LINE = 15;
const PAD = 10;
const W = 720;

function box(x: number, y: number, w: number, lines: string[], emphasis = false): Box {
  return { x, y, w, h: lines.length * LINE + PAD, text: lines.join('\n'), emphasis };
}

function reasons(ctx: ChartContext, rs: Readonly<Record<string, number>>, lostHidden: boolean): string[] {
  // Sorted by id so the diagram does not depend on the order the data happened to list them.
  const keys = Object.keys(rs).sort();
  // When the loss itself is hidden ("–", because it leaves 1–4 analysed), its reasons would add it back up: none is shown but zeros.
  const shown = lostHidden ? keys.map((k) => (isSmallCount(rs[k]) ? '<5' : rs[k] === 0 ? '0' : '–')) : formatCountGroup(keys.map((k) => rs[k]), ctx.t.fmt.int);
  // The spec's name for its code (results.labels.missingReasons), else the catalogue's (other, not recorded).
  const names = ctx.results.labels?.missingReasons;
  const name = (k: string) => (names && Object.hasOwn(names, k) ? publishedLabel(ctx.t.loc(names[k])) : ctx.t.label('reasons', k));
  return keys.map((k, i) => `– ${name(k)}: ${shown[i]}`);
}

export const consortChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const arms = [ctx.control, ctx.intervention].filter((a) => results.consort[a.label]);
  if (arms.length === 0) return null;
  const total = arms.reduce((s, a) => s + results.consort[a.label].randomised, 0);
  const colW = 300;
  const gap = 20;
  const left = 100;
  const colX = arms.map((_, i) => left + i * (colW + gap));
  const boxes: Box[] = [];
  const stages: Array<{ y: number; text: string }> = [];
  const top = box(left + (colW * arms.length + gap * (arms.length - 1)) / 2 - 110, 10, 220, [t.msg.consortRandomised(t.fmt.count(total))], true);
  boxes.push(top);
  let y = top.y + top.h + 40;
  const rows: Box[][] = [];
  // Allocation.
  rows.push(
    arms.map((a, i) => {
      const f = results.consort[a.label];
      const lines = [t.msg.consortAllocated(a.label, t.fmt.count(f.randomised))];
      if (f.receivedAllocated !== null) lines.push(t.msg.consortReceived(formatPart(f.receivedAllocated, f.randomised, t.fmt.int)));
      return box(colX[i], y, colW, lines, true);
    }),
  );
  stages.push({ y, text: t.msg.consortStage.allocation });
  // Follow-up: losses per visit with reasons.
  y += Math.max(...rows[0].map((b) => b.h)) + 30;
  rows.push(
    arms.map((a, i) => {
      const lines: string[] = [];
      for (const l of results.consort[a.label].lostToFollowUp) {
        const lost = formatPart(l.n, results.consort[a.label].randomised, t.fmt.int);
        lines.push(t.msg.consortLost(t.label('visits', l.visit), lost), ...reasons(ctx, l.reasons, lost === '–'));
      }
      return box(colX[i], y, colW, lines.length ? lines : ['–']);
    }),
  );
  stages.push({ y, text: t.msg.consortStage.followUp });
  y += Math.max(...rows[1].map((b) => b.h)) + 30;
  rows.push(
    arms.map((a, i) => {
      const f = results.consort[a.label];
      const lines = f.analysed.map((an) => t.msg.consortAnalysed(t.label('visits', an.visit), formatPart(an.n, f.randomised, t.fmt.int)));
      return box(colX[i], y, colW, lines.length ? lines : ['–'], true);
    }),
  );
  stages.push({ y, text: t.msg.consortStage.analysis });
  const height = y + Math.max(...rows[2].map((b) => b.h)) + 10;
  for (const r of rows) boxes.push(...r);

  // Connectors: randomised → each allocation box, then down each column.
  const rules: Array<{ x: number; y: number; x2: number; y2: number }> = [];
  const midTop = top.x + top.w / 2;
  const branchY = top.y + top.h + 20;
  rules.push({ x: midTop, y: top.y + top.h, x2: midTop, y2: branchY });
  rules.push({ x: colX[0] + colW / 2, y: branchY, x2: colX[colX.length - 1] + colW / 2, y2: branchY });
  for (let c = 0; c < arms.length; c++) {
    const cx = colX[c] + colW / 2;
    rules.push({ x: cx, y: branchY, x2: cx, y2: rows[0][c].y });
    for (let r = 0; r + 1 < rows.length; r++) rules.push({ x: cx, y: rows[r][c].y + rows[r][c].h, x2: cx, y2: rows[r + 1][c].y });
  }

  const px = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, W], range: [0, W], nice: false, zero: false }, axis: null });
  const py = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, height], range: [0, height], nice: false, zero: false }, axis: null });
  const boxData = boxes.map((b) => ({ x: b.x, x2: b.x + b.w, y: b.y, y2: b.y + b.h, tx: b.x + 8, ty: b.y + PAD / 2 + 2, text: b.text, emphasis: b.emphasis }));
  return {
    id: 'consort',
    title: t.msg.consortTitle,
    spec: vl({
      ...base(ctx, t.msg.consortTitle),
      width: W,
      height,
      layer: [
        { data: { values: rules }, mark: { type: 'rule', color: colours.neutral, strokeWidth: 1.2 }, encoding: { x: px('x'), y: py('y'), x2: { field: 'x2' }, y2: { field: 'y2' } } },
        {
          data: { values: boxData },
          mark: { type: 'rect', stroke: colours.neutral, strokeWidth: 1, cornerRadius: 3 },
          encoding: { x: px('x'), x2: { field: 'x2' }, y: py('y'), y2: { field: 'y2' }, fill: { field: 'emphasis', type: 'nominal', scale: { domain: [true, false], range: ['#eef3f7', '#ffffff'] }, legend: null } },
        },
        { data: { values: boxData }, mark: { type: 'text', align: 'left', baseline: 'top', lineBreak: '\n', lineHeight: LINE, fontSize: 11 }, encoding: { x: px('tx'), y: py('ty'), text: { field: 'text', type: 'nominal' } } },
        { data: { values: stages.map((s) => ({ x: 4, y: s.y + 4, text: s.text })) }, mark: { type: 'text', align: 'left', baseline: 'top', fontWeight: 'bold', color: colours.neutral, fontSize: 11 }, encoding: { x: px('x'), y: py('y'), text: { field: 'text', type: 'nominal' } } },
      ],
    }),
  };
};
