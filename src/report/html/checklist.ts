/**
 * The CONSORT 2025 checklist page: each of the 30 items (with sub-items) mapped to the section of
 * this report that reports it, to "partly" with what is missing, or to "not available in the data
 * or the trial specification". Items the trial block feeds (registration, protocol, funding,
 * design, setting, dates, eligibility, intervention, sample size, randomisation, blinding, harms)
 * count as reported only when the spec gives them. Item wording is the report's own short
 * paraphrase (catalogue: checklistTopics), not the statement's text.
 */
import type { TrialInfo } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { para } from './model.ts';
import { esc } from './escape.ts';
import { renderTable, type Cell } from './tables.ts';

type Status = 'reported' | 'partly' | 'absent';

/** Item number → where it is reported: section ids (first one linked), and a status. */
interface ItemRule {
  readonly item: string;
  readonly sections: readonly string[];
  readonly status: (tr: TrialInfo, has: (id: string) => boolean) => Status;
}

const given = (x: unknown): Status => (x === undefined || x === null ? 'absent' : 'reported');
const always = (): Status => 'reported';
const never = (): Status => 'absent';
const ifSection = (id: string) => (_: TrialInfo, has: (id: string) => boolean): Status => (has(id) ? 'reported' : 'absent');

export const CONSORT_2025: readonly ItemRule[] = [
  { item: '1a', sections: ['trial'], status: (tr) => (tr.design ? 'reported' : 'partly') },
  { item: '1b', sections: ['summary'], status: always },
  { item: '2', sections: ['trial'], status: (tr) => (tr.registration ? (tr.registry ? 'reported' : 'partly') : 'absent') },
  { item: '3', sections: ['trial'], status: (tr) => given(tr.protocol) },
  { item: '4', sections: ['about'], status: () => 'partly' },
  { item: '5a', sections: ['trial'], status: (tr) => given(tr.funding) },
  { item: '5b', sections: [], status: never },
  { item: '6', sections: [], status: never },
  { item: '7', sections: ['summary'], status: always },
  { item: '8', sections: [], status: never },
  { item: '9', sections: ['trial'], status: (tr) => given(tr.design) },
  { item: '10', sections: [], status: never },
  { item: '11', sections: ['trial'], status: (tr) => given(tr.setting) },
  { item: '12a', sections: ['trial'], status: (tr) => given(tr.eligibility) },
  { item: '12b', sections: [], status: never },
  { item: '13', sections: ['trial'], status: (tr) => (tr.intervention && tr.comparator ? 'reported' : tr.intervention || tr.comparator ? 'partly' : 'absent') },
  { item: '14', sections: ['trial', 'methods'], status: always },
  { item: '15', sections: ['trial', 'safety'], status: (tr) => (tr.harms ? 'reported' : 'partly') },
  { item: '16a', sections: ['trial'], status: (tr) => (tr.sampleSize ? (tr.sampleSize.rationale ? 'reported' : 'partly') : 'absent') },
  { item: '16b', sections: [], status: never },
  { item: '17a', sections: ['trial'], status: (tr) => given(tr.randomisation?.sequence) },
  { item: '17b', sections: ['trial'], status: (tr) => given(tr.randomisation?.sequence) },
  { item: '18', sections: ['trial'], status: (tr) => given(tr.randomisation?.concealment) },
  { item: '19', sections: ['trial'], status: (tr) => given(tr.randomisation?.implementation) },
  { item: '20a', sections: ['trial'], status: (tr) => given(tr.blinding) },
  { item: '20b', sections: ['trial'], status: (tr) => given(tr.blinding) },
  { item: '21a', sections: ['methods'], status: always },
  { item: '21b', sections: ['methods'], status: always },
  { item: '21c', sections: ['methods'], status: always },
  { item: '21d', sections: ['methods', 'sensitivity', 'subgroups'], status: always },
  { item: '22a', sections: ['consort'], status: ifSection('consort') },
  { item: '22b', sections: ['consort'], status: ifSection('consort') },
  { item: '23a', sections: ['trial'], status: (tr) => given(tr.recruitment) },
  { item: '23b', sections: [], status: never },
  { item: '24a', sections: ['consort', 'methods'], status: () => 'partly' },
  { item: '24b', sections: [], status: never },
  { item: '25', sections: ['baseline'], status: ifSection('baseline') },
  { item: '26', sections: ['primary', 'outcomes', 'responders'], status: always },
  { item: '27', sections: ['safety'], status: ifSection('safety') },
  { item: '28', sections: ['sensitivity', 'subgroups'], status: always },
  { item: '29', sections: ['discussion'], status: ifSection('discussion') },
  { item: '30', sections: ['discussion'], status: ifSection('discussion') },
];

export function checklistSection(m: PageModel, present: ReadonlyArray<{ readonly id: string; readonly title: string }>): Section {
  const { t, results } = m.ctx;
  const titles = new Map(present.map((s) => [s.id, s.title]));
  const has = (id: string) => titles.has(id);
  const counts: Record<Status, number> = { reported: 0, partly: 0, absent: 0 };
  const rows: Cell[][] = CONSORT_2025.map((rule) => {
    const status = rule.status(results.trial, has);
    counts[status]++;
    const where = rule.sections.filter(has);
    const links = where.map((id) => `<a href="#${esc(id)}">${esc(titles.get(id)!)}</a>`).join(', ');
    const note = status === 'absent' ? esc(t.msg.checklistAbsent) : status === 'partly' ? `${links}${links ? ' — ' : ''}${esc(t.msg.checklistPartly[rule.item] ?? t.msg.checklistPartlyDefault)}` : links;
    return [rule.item, t.msg.checklistTopics[rule.item] ?? rule.item, { html: `<span class="status ${status}">${esc(t.msg.checklistStatus[status])}</span>` }, { html: note }];
  });
  const html = [
    para(t.msg.checklistIntro(String(counts.reported), String(counts.partly), String(counts.absent), String(CONSORT_2025.length))),
    renderTable({ caption: t.msg.checklistCaption, head: [t.msg.checklistItem, t.msg.checklistTopic, t.msg.checklistStatusLabel, t.msg.checklistWhere], rows, className: 'data text checklist' }, m),
  ].join('\n');
  return { id: 'checklist', title: t.msg.checklistTitle, html };
}
