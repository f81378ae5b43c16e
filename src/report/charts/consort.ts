/**
 * The CONSORT 2025 flow diagram from results.consort: enrolment (assessed for eligibility — not
 * in the data, said so), randomised, allocation (received / did not receive the allocated
 * intervention), follow-up (lost per visit with reasons) and analysis, one column per arm in
 * results order (stacked on a phone). Boxes, text and connectors sit on a fixed pixel grid.
 * Every count is printed as the disclosure plan decided (src/report/disclosure): "<5" for 1–4,
 * "–" where the other numbers published would give a count of 1–4 back.
 */
import type { ChartBuilder, ChartContext } from './types.ts';
import { base, colours } from './theme.ts';
import { vl } from './spec.ts';
import { wrap } from './marks.ts';
import { publishedLabel } from '../privacy.ts';
import { keyOf } from '../disclosure/model.ts';
import { own } from '../i18n/own.ts';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly text: string;
  readonly emphasis: boolean;
}

const PAD = 10;

function reasons(ctx: ChartContext, arm: string, visit: string, rs: Readonly<Record<string, number>>): string[] {
  // Sorted by id so the diagram does not depend on the order the data happened to list them.
  const keys = Object.keys(rs).sort();
  // As the disclosure plan decided ("<5", "–" or the number), consistently with every other sink.
  const shown = keys.map((k) => ctx.count(keyOf('consort', arm, 'reason', visit, k), rs[k]));
  // The spec's name for its code (results.labels.missingReasons), else the catalogue's (other, not recorded).
  const names = ctx.results.labels?.missingReasons;
  const name = (k: string) => (names && Object.hasOwn(names, k) ? publishedLabel(ctx.t.loc(names[k])) : ctx.t.label('reasons', k));
  return keys.map((k, i) => `– ${name(k)}: ${shown[i]}`);
}

/** The text of each arm's three boxes: allocation, follow-up, analysis. */
function armBoxes(ctx: ChartContext, label: string): [string[], string[], string[]] {
  const { t, results } = ctx;
  const f = results.consort[label];
  const allocation = [t.msg.consortAllocated(label, ctx.count(keyOf('consort', label, 'randomised'), f.randomised))];
  if (f.receivedAllocated === null) allocation.push(t.msg.consortReceivedUnknown);
  else {
    const received = ctx.count(keyOf('consort', label, 'received'), f.receivedAllocated);
    const notReceived = ctx.count(keyOf('consort', label, 'notReceived'), f.randomised - f.receivedAllocated);
    allocation.push(t.msg.consortReceived(received), t.msg.consortNotReceived(notReceived));
    if (notReceived !== '0') allocation.push(`– ${t.msg.consortReasonsNotRecorded}`);
  }
  const followUp: string[] = [];
  for (const l of f.lostToFollowUp) {
    const lost = ctx.count(keyOf('consort', label, 'lost', l.visit), l.n);
    followUp.push(t.msg.consortLost(ctx.names.visit(l.visit), lost), ...reasons(ctx, label, l.visit, l.reasons));
  }
  const analysis = f.analysed.map((an) => t.msg.consortAnalysed(ctx.names.visit(an.visit), ctx.count(keyOf('consort', label, 'analysed', an.visit), an.n)));
  return [allocation, followUp.length ? followUp : ['–'], analysis.length ? analysis : ['–']];
}

export const consortChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const arms = ctx.arms.filter((a) => own(results.consort, a.label));
  if (arms.length === 0) return null;
  const narrow = ctx.layout === 'narrow';
  const line = narrow ? 13 : 15;
  const chars = narrow ? 50 : 47;
  const lines = (xs: readonly string[]) => xs.flatMap((x) => wrap(x, chars).split('\n'));
  const mk = (x: number, y: number, w: number, text: readonly string[], emphasis = false): Box => {
    // "(n = 13)" stays on one line.
    const ls = lines(text.map((x) => x.replace(/\(n = /g, '(n\u00a0=\u00a0')));
    return { x, y, w, h: ls.length * line + PAD, text: ls.join('\n'), emphasis };
  };
  const total = arms.reduce((s, a) => s + results.consort[a.label].randomised, 0);
  const boxes: Box[] = [];
  const rules: Array<{ x: number; y: number; x2: number; y2: number }> = [];
  const stages: Array<{ y: number; text: string }> = [];
  const texts = arms.map((a) => armBoxes(ctx, a.label));
  let width: number;
  let height: number;

  if (!narrow) {
    const colW = 310;
    const gap = 20;
    const left = 100;
    const colX = arms.map((_, i) => left + i * (colW + gap));
    width = left + arms.length * colW + (arms.length - 1) * gap + 4;
    const centre = left + (colW * arms.length + gap * (arms.length - 1)) / 2;
    const enrol = mk(centre - 150, 4, 300, [t.msg.consortAssessed]);
    const top = mk(centre - 120, enrol.y + enrol.h + 24, 240, [t.msg.consortRandomised(t.fmt.count(total))], true);
    boxes.push(enrol, top);
    rules.push({ x: centre, y: enrol.y + enrol.h, x2: centre, y2: top.y });
    stages.push({ y: enrol.y, text: t.msg.consortStage.enrolment });
    let y = top.y + top.h + 40;
    const rows: Box[][] = [];
    ['allocation', 'followUp', 'analysis'].forEach((stage, r) => {
      const row = arms.map((_, i) => mk(colX[i], y, colW, texts[i][r], r !== 1));
      rows.push(row);
      stages.push({ y, text: t.msg.consortStage[stage as 'allocation' | 'followUp' | 'analysis'] });
      y += Math.max(...row.map((b) => b.h)) + 30;
    });
    height = y - 20;
    for (const r of rows) boxes.push(...r);
    const branchY = top.y + top.h + 20;
    rules.push({ x: centre, y: top.y + top.h, x2: centre, y2: branchY });
    rules.push({ x: colX[0] + colW / 2, y: branchY, x2: colX[colX.length - 1] + colW / 2, y2: branchY });
    for (let c = 0; c < arms.length; c++) {
      const cx = colX[c] + colW / 2;
      rules.push({ x: cx, y: branchY, x2: cx, y2: rows[0][c].y });
      for (let r = 0; r + 1 < rows.length; r++) rules.push({ x: cx, y: rows[r][c].y + rows[r][c].h, x2: cx, y2: rows[r + 1][c].y });
    }
  } else {
    // A phone: one column; each arm's boxes follow one another under the randomised box.
    const w = 316;
    width = w + 4;
    const enrol = mk(0, 4, w, [`${t.msg.consortStage.enrolment}: ${t.msg.consortAssessed}`]);
    const top = mk(0, enrol.y + enrol.h + 18, w, [t.msg.consortRandomised(t.fmt.count(total))], true);
    boxes.push(enrol, top);
    rules.push({ x: w / 2, y: enrol.y + enrol.h, x2: w / 2, y2: top.y });
    let y = top.y + top.h + 18;
    let prev = top;
    texts.forEach((tx) => {
      for (let r = 0; r < 3; r++) {
        const b = mk(r === 0 ? 0 : 12, y, r === 0 ? w : w - 12, tx[r], r !== 1);
        rules.push({ x: r === 0 ? w / 2 : 6, y: prev.y + prev.h, x2: r === 0 ? w / 2 : 6, y2: b.y + (r === 0 ? 0 : b.h / 2) });
        if (r > 0) rules.push({ x: 6, y: b.y + b.h / 2, x2: b.x, y2: b.y + b.h / 2 });
        boxes.push(b);
        y = b.y + b.h + (r === 2 ? 22 : 12);
        if (r === 0) prev = b;
      }
    });
    height = y - 14;
  }

  const px = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, width], range: [0, width], nice: false, zero: false }, axis: null });
  const py = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, height], range: [0, height], nice: false, zero: false }, axis: null });
  const boxData = boxes.map((b) => ({ x: b.x, x2: b.x + b.w, y: b.y, y2: b.y + b.h, tx: b.x + 8, ty: b.y + PAD / 2 + 2, text: b.text, emphasis: b.emphasis }));
  const alt = t.msg.consortAlt(
    t.fmt.count(total),
    arms.map((a) => {
      const f = results.consort[a.label];
      const first = f.analysed[0];
      return t.msg.consortAltArm(a.label, ctx.count(keyOf('consort', a.label, 'randomised'), f.randomised), first ? ctx.names.visit(first.visit) : '–', first ? ctx.count(keyOf('consort', a.label, 'analysed', first.visit), first.n) : '–');
    }).join('; '),
  );
  return {
    id: 'consort',
    title: t.msg.consortTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.consortTitle),
      width,
      height,
      layer: [
        { data: { values: rules }, mark: { type: 'rule', color: colours.neutral, strokeWidth: 1.2 }, encoding: { x: px('x'), y: py('y'), x2: { field: 'x2' }, y2: { field: 'y2' } } },
        {
          data: { values: boxData },
          mark: { type: 'rect', stroke: colours.neutral, strokeWidth: 1, cornerRadius: 3 },
          encoding: { x: px('x'), x2: { field: 'x2' }, y: py('y'), y2: { field: 'y2' }, fill: { field: 'emphasis', type: 'nominal', scale: { domain: [true, false], range: ['#eef3f7', '#ffffff'] }, legend: null } },
        },
        { data: { values: boxData }, mark: { type: 'text', align: 'left', baseline: 'top', lineBreak: '\n', lineHeight: line, fontSize: narrow ? 10 : 11 }, encoding: { x: px('tx'), y: py('ty'), text: { field: 'text', type: 'nominal' } } },
        ...(stages.length ? [{ data: { values: stages.map((s) => ({ x: 4, y: s.y + 4, text: s.text })) }, mark: { type: 'text', align: 'left', baseline: 'top', fontWeight: 'bold', color: colours.neutral, fontSize: 11 }, encoding: { x: px('x'), y: py('y'), text: { field: 'text', type: 'nominal' } } }] : []),
      ],
    }),
  };
};
