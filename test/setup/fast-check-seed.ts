/**
 * Property tests draw from a fixed seed so that `npm test` is the same run on every machine and
 * a CI failure can be replayed; set FC_SEED=<integer> (or FC_SEED=random) to explore other inputs.
 * A failing property prints its seed and counterexample either way.
 */
import fc from 'fast-check';

const fromEnv = process.env.FC_SEED;
const seed = fromEnv === 'random' ? undefined : fromEnv !== undefined ? Number(fromEnv) : 20201201;
fc.configureGlobal({ ...fc.readConfigureGlobal(), ...(seed === undefined ? {} : { seed }) });
