/** The df methods, dispatched in one place. */
import type { MmrmDfInfo, MmrmDfMethod } from '../types.ts';
import { betweenWithinDf } from './between-within.ts';
import { satterthwaiteDf } from './satterthwaite.ts';

export function mmrmDf(info: MmrmDfInfo, method: MmrmDfMethod, l: Float64Array): number {
  switch (method) {
    case 'satterthwaite':
      return satterthwaiteDf(info, l);
    case 'between-within':
      return betweenWithinDf(info, l);
    case 'residual':
      return info.residual;
  }
}

export { betweenWithinDf, satterthwaiteDf };
