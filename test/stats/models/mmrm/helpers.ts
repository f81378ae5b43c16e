/** Builds the long-format MMRM design of the R fixtures: y ~ arm * visit + base * visit + site. */
import { factor, modelMatrix, numeric, type Design } from '../../../../src/stats/design/model-matrix.ts';
import { fitMmrm, type MmrmFit, type MmrmOptions } from '../../../../src/stats/models/mmrm/index.ts';

export interface CaseData { id: string[]; arm: string[]; site: string[]; base: number[]; visit: string[]; y: number[] }

export function fixtureDesign(d: CaseData, visits: readonly string[]): Design {
  return modelMatrix({
    variables: [factor('arm', d.arm, ['SAU', 'PEER']), factor('visit', d.visit, visits), numeric('base', d.base), factor('site', d.site)],
    terms: [['arm'], ['visit'], ['base'], ['site'], ['arm', 'visit'], ['visit', 'base']],
  });
}

export function fitFixture(d: CaseData, visits: readonly string[], options: MmrmOptions): { fit: MmrmFit; design: Design } {
  const design = fixtureDesign(d, visits);
  const fit = fitMmrm({ X: design.X, columnNames: design.columnNames, y: d.y, subject: d.id, visit: d.visit.map((v) => visits.indexOf(v)), visits }, options);
  return { fit, design };
}
