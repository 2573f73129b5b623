// A small seeded PRNG (mulberry32): synthetic estates and telemetry look the same on every machine.
const STEP = 0x6d2b79f5;

/** mulberry32's output for one state: the mixing half of the generator. */
function mix(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + STEP) >>> 0;
    return mix(a);
  };
}

/**
 * The n-th draw (n ≥ 0, below 2^31) of `prng(seed)` without drawing the ones before it: the state
 * after n + 1 steps is seed + (n + 1)·STEP. Lets a simulation give every (request, step, attempt) its
 * own fixed uniforms, whichever path earlier requests took.
 */
export function uniformAt(seed: number, n: number): number {
  return mix((seed + Math.imul(n + 1, STEP)) >>> 0);
}
