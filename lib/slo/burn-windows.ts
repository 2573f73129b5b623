// Which stored buckets the burn windows read (pure). The windows are nested and end now; their starts
// fall anywhere in a minute grid, so the edges must be read minute by minute — but a whole hour lying
// inside one window's ring (between two window starts, past 6 h ago and already settled) reads as its
// one hour bucket instead of sixty minutes. The burn windows of three days read ~600 rows, not 4,320.
import type { BurnWindow } from "./burn-rate";

export const WINDOW_MS: Record<BurnWindow, number> = { "5m": 300_000, "30m": 1_800_000, "1h": 3_600_000, "2h": 7_200_000, "6h": 21_600_000, "1d": 86_400_000, "3d": 259_200_000 };

const HOUR = 3_600_000;
const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR) * HOUR;

export type Range = [fromMs: number, toMs: number];

/**
 * Hour-bucket ranges and minute-bucket ranges that together cover [now − 3 d, now) exactly once.
 * Hours only before `hourSettledMs` (older hours are exact merges of their minutes) and only where
 * the windows of 6 h and less do not reach; every hour read lies inside one ring of the windows.
 */
export function burnWindowRanges(nowMs: number, hourSettledMs: number): { hours: Range[]; minutes: Range[] } {
  const start = nowMs - WINDOW_MS["3d"];
  const dayAgo = nowMs - WINDOW_MS["1d"];
  const limit = Math.min(floorHour(hourSettledMs), floorHour(nowMs - WINDOW_MS["6h"]));
  const hours = ([
    [ceilHour(start), Math.min(floorHour(dayAgo), limit)],
    [ceilHour(dayAgo), limit],
  ] as Range[]).filter(([from, to]) => from < to);
  const minutes: Range[] = [];
  let at = start;
  for (const [from, to] of hours) {
    if (at < from) minutes.push([at, from]);
    at = to;
  }
  if (at < nowMs) minutes.push([at, nowMs]);
  return { hours, minutes };
}
