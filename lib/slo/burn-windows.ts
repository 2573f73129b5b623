// Which stored buckets the burn windows read (pure). The windows are nested and end now; their starts
// fall anywhere in a minute grid, so the edges must be read minute by minute — but a whole hour lying
// inside one window's ring (between two window starts, past 6 h ago and already settled) reads as its
// one hour bucket instead of sixty minutes, and whole settled five-minute spans inside one ring read as
// five-minute buckets. The burn windows of three days read some 250 rows, not 4,320.
import type { BurnWindow } from "./burn-rate";

export const WINDOW_MS: Record<BurnWindow, number> = { "5m": 300_000, "30m": 1_800_000, "1h": 3_600_000, "2h": 7_200_000, "6h": 21_600_000, "1d": 86_400_000, "3d": 259_200_000 };

const HOUR = 3_600_000;
const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR) * HOUR;

export type Range = [fromMs: number, toMs: number];

const FIVE = 300_000;

/**
 * Hour-bucket, five-minute-bucket and minute-bucket ranges that together cover [now − 3 d, now) exactly
 * once. Hours only before `hourSettledMs` (older hours are exact merges of their minutes) and only where
 * the windows of 6 h and less do not reach; five-minute buckets only before `fiveSettledMs`; every
 * hour and five minutes read lies inside one ring of the windows.
 */
export function burnWindowRanges(nowMs: number, hourSettledMs: number, fiveSettledMs = 0): { hours: Range[]; fives: Range[]; minutes: Range[] } {
  const start = nowMs - WINDOW_MS["3d"];
  const dayAgo = nowMs - WINDOW_MS["1d"];
  const limit = Math.min(floorHour(hourSettledMs), floorHour(nowMs - WINDOW_MS["6h"]));
  const hours = ([
    [ceilHour(start), Math.min(floorHour(dayAgo), limit)],
    [ceilHour(dayAgo), limit],
  ] as Range[]).filter(([from, to]) => from < to);
  const rest: Range[] = [];
  let at = start;
  for (const [from, to] of hours) {
    if (at < from) rest.push([at, from]);
    at = to;
  }
  if (at < nowMs) rest.push([at, nowMs]);
  // What hours do not cover, cut at the windows' starts (each piece is inside one ring), then read as
  // settled whole five minutes where there are some and minutes at the pieces' edges.
  const starts = Object.values(WINDOW_MS).map((ms) => nowMs - ms);
  const fiveLimit = Math.floor(fiveSettledMs / FIVE) * FIVE;
  const fives: Range[] = [];
  const minutes: Range[] = [];
  const addMinutes = (from: number, to: number) => {
    if (from >= to) return;
    const last = minutes.at(-1);
    if (last && last[1] === from) last[1] = to;
    else minutes.push([from, to]);
  };
  for (const [from, to] of rest) {
    const cuts = [from, ...starts.filter((t) => t > from && t < to).sort((a, b) => a - b), to];
    for (let i = 1; i < cuts.length; i++) {
      const [a, b] = [cuts[i - 1]!, cuts[i]!];
      const fiveFrom = Math.ceil(a / FIVE) * FIVE;
      const fiveTo = Math.min(Math.floor(b / FIVE) * FIVE, fiveLimit);
      if (fiveFrom < fiveTo) {
        addMinutes(a, fiveFrom);
        fives.push([fiveFrom, fiveTo]);
        addMinutes(fiveTo, b);
      } else addMinutes(a, b);
    }
  }
  return { hours, fives, minutes };
}
