/**
 * One seed for every property test of a run, so CI replays the same cases each time: a failure found once is not
 * lost to the next run's dice, and a green commit stays green. `FC_SEED=<n>` replays a run (fast-check prints the
 * seed of a failure); `FC_SEED=random` explores new cases (`npm run test:fuzz`).
 */
import fc from 'fast-check';

const given = process.env.FC_SEED;
const seed = given === 'random' ? (Date.now() ^ (process.pid << 16)) | 0 : Number(given ?? 20261206);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${given}`);
fc.configureGlobal({ seed });
