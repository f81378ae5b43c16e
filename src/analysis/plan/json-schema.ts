import { z } from 'zod';
import { analysisPlanSchema } from './schema.ts';

export function analysisPlanJsonSchema(): unknown {
  return z.toJSONSchema(analysisPlanSchema, { io: 'input' });
}
