// Exemplars (pure): for each series and minute a bounded set of calls to open as traces — the first
// few errors and the slowest few of the rest. The choice is mergeable: choosing from two choices
// gives what choosing from all the calls would (the store merges with the same rule in SQL). Hours and
// days keep a sample of errors spread over the period and the slowest calls (rollUpExemplars).

export interface Exemplar {
  traceId: string;
  spanId: string;
  durationMs: number;
  /** When the call started (spans) or was recorded (metric exemplars), ms since the epoch. */
  atMs: number;
  error: boolean;
}

export const FIRST_ERRORS = 3;
export const SLOWEST = 5;
/** At most this many per series per minute. */
export const EXEMPLARS_PER_MINUTE = FIRST_ERRORS + SLOWEST;

const byTime = (a: Exemplar, b: Exemplar) => a.atMs - b.atMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
const bySlowest = (a: Exemplar, b: Exemplar) => b.durationMs - a.durationMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
const idOf = (e: Exemplar) => `${e.traceId}:${e.spanId}`;

/** The first FIRST_ERRORS errors by time, then the SLOWEST slowest of the others; each call once. */
export function chooseExemplars(candidates: Exemplar[]): Exemplar[] {
  const seen = new Set<string>();
  const unique = candidates.filter((e) => !seen.has(idOf(e)) && seen.add(idOf(e)));
  const errors = unique.filter((e) => e.error).sort(byTime).slice(0, FIRST_ERRORS);
  const chosen = new Set(errors.map(idOf));
  const slowest = unique.filter((e) => !chosen.has(idOf(e))).sort(bySlowest).slice(0, SLOWEST);
  return [...errors, ...slowest];
}

/**
 * Keeps what chooseExemplars could pick while calls stream in: the first errors and the slowest
 * EXEMPLARS_PER_MINUTE calls of any kind (at most FIRST_ERRORS of them are taken as errors, so
 * SLOWEST of the others always remain among them).
 */
export class ExemplarPicker {
  private readonly errors: Exemplar[] = [];
  private readonly slowest: Exemplar[] = [];

  add(e: Exemplar): void {
    if (e.error) keepTop(this.errors, e, FIRST_ERRORS, byTime);
    keepTop(this.slowest, e, EXEMPLARS_PER_MINUTE, bySlowest);
  }

  /**
   * Whether a call could still be kept (ties included, for `add` to settle): most calls of a busy
   * minute can't, and folding asks first so that it makes no exemplar for them (the ingest hot path).
   */
  mayKeep(durationMs: number, atMs: number, error: boolean): boolean {
    const slowest = this.slowest.length === EXEMPLARS_PER_MINUTE ? this.slowest[EXEMPLARS_PER_MINUTE - 1]! : null;
    if (!slowest || durationMs >= slowest.durationMs) return true;
    const lastError = this.errors.length === FIRST_ERRORS ? this.errors[FIRST_ERRORS - 1]! : null;
    return error && (!lastError || atMs <= lastError.atMs);
  }

  picked(): Exemplar[] {
    return chooseExemplars([...this.errors, ...this.slowest]);
  }
}

/** Inserts `e` into `list` (sorted by `order`, at most `max` long) if it belongs there. */
function keepTop(list: Exemplar[], e: Exemplar, max: number, order: (a: Exemplar, b: Exemplar) => number): void {
  if (list.length === max && order(e, list[max - 1]!) >= 0) return;
  let i = list.length;
  while (i > 0 && order(e, list[i - 1]!) < 0) i--;
  list.splice(i, 0, e);
  if (list.length > max) list.pop();
}

/** Errors an hour or a day keeps: spread over its errors in time, not only its first ones. */
export const ROLLED_ERRORS = 3;

/**
 * What an hour (or a day) keeps of its minutes' (or hours') exemplars: a sample of its errors spread
 * in time — the first of each of ROLLED_ERRORS equal runs of its errors by time — then the SLOWEST
 * slowest of the others. The roll-up does the same in SQL (edgewise_rollup_exemplars).
 */
export function rollUpExemplars(candidates: Exemplar[]): Exemplar[] {
  const seen = new Set<string>();
  const unique = candidates.filter((e) => !seen.has(idOf(e)) && seen.add(idOf(e)));
  const errors = unique.filter((e) => e.error).sort(byTime);
  // ntile(k): the first (n mod k) runs are one longer; each run's first error is kept.
  const k = Math.min(ROLLED_ERRORS, errors.length);
  const sample: Exemplar[] = [];
  for (let run = 0, start = 0; run < k; run++) {
    sample.push(errors[start]!);
    start += Math.floor(errors.length / k) + (run < errors.length % k ? 1 : 0);
  }
  const chosen = new Set(sample.map(idOf));
  const slowest = unique.filter((e) => !chosen.has(idOf(e))).sort(bySlowest).slice(0, SLOWEST);
  return [...sample, ...slowest];
}
