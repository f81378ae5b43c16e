/**
 * Analysis populations from the spec: ITT = everyone randomised, in the arm they were
 * randomised to; per-protocol = intervention-arm participants (of every intervention arm) who
 * attended at least the given number of sessions, and every control participant.
 */
import type { TrialSpec } from '../data/spec/load.ts';
import type { AnalysisFrame } from './frame/frame.ts';

export interface Population {
  readonly id: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly include: (i: number) => boolean;
  readonly description: string;
}

export function populations(spec: TrialSpec, frame: AnalysisFrame): Population[] {
  return spec.populations.map((p) => {
    if (p.rule.type === 'all') return { id: p.id, name: p.name, include: () => true, description: 'all randomised participants, analysed in the arm they were randomised to' };
    const min = p.rule.min;
    const adherence = frame.adherence;
    return {
      id: p.id,
      name: p.name,
      include: (i: number) => frame.arm[i] === frame.control || (adherence !== null && adherence.values[i] >= min),
      description: `control participants and intervention participants attending at least ${min} of ${adherence?.max ?? '?'} sessions`,
    };
  });
}
