// The Latency tab's time range (pure): presets that end now, or a custom from–to, read from and
// written to the URL; each range gets a step that keeps charts near 200 points and that the stored
// resolution can answer (hours once the range reaches past the minute data kept, days past the hours).

export const PRESETS = {
  "1h": { ms: 3_600_000, step: "1m" },
  "6h": { ms: 21_600_000, step: "5m" },
  "24h": { ms: 86_400_000, step: "15m" },
  "7d": { ms: 604_800_000, step: "1h" },
  "28d": { ms: 2_419_200_000, step: "6h" },
  "90d": { ms: 7_776_000_000, step: "1d" },
} as const;
export type Preset = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as Preset[];
export const DEFAULT_PRESET: Preset = "6h";

const STEPS = [
  ["1m", 60_000],
  ["5m", 300_000],
  ["15m", 900_000],
  ["1h", 3_600_000],
  ["6h", 21_600_000],
  ["1d", 86_400_000],
] as const;
const MAX_POINTS = 200;
const DAY_MS = 86_400_000;
/** Defaults of the server's retention (minutes 14 days, hours 400), with a day's margin. */
const MINUTES_KEPT_MS = 13 * DAY_MS;
const HOURS_KEPT_MS = 399 * DAY_MS;
const MIN_SPAN_MS = 5 * 60_000;
const MAX_SPAN_MS = 3 * 365 * DAY_MS;

export type TimeRange =
  | { kind: "preset"; preset: Preset }
  | { kind: "custom"; fromMs: number; toMs: number };

export interface ResolvedRange {
  fromMs: number;
  toMs: number;
  step: string;
  stepMs: number;
  /** Whether the range ends now, so it slides forward and is worth refreshing. */
  live: boolean;
}

export const stepMsOf = (step: string) => STEPS.find(([s]) => s === step)?.[1] ?? 60_000;

/** The smallest step giving at most 200 points that the data kept that far back can answer. */
export function stepFor(fromMs: number, toMs: number, nowMs: number): string {
  const age = nowMs - fromMs;
  const finest = age > HOURS_KEPT_MS ? DAY_MS : age > MINUTES_KEPT_MS ? 3_600_000 : 60_000;
  const found = STEPS.find(([, ms]) => ms >= finest && (toMs - fromMs) / ms <= MAX_POINTS);
  return found ? found[0] : "1d";
}

/** Checks a custom range typed by a person; the message says what to change. */
export function validateCustom(fromMs: number, toMs: number, nowMs: number): string | null {
  if (!Number.isFinite(fromMs)) return "Enter a start date and time";
  if (!Number.isFinite(toMs)) return "Enter an end date and time";
  if (fromMs >= toMs) return "The start must be before the end";
  if (toMs - fromMs < MIN_SPAN_MS) return "Choose a range of at least 5 minutes";
  if (toMs - fromMs > MAX_SPAN_MS) return "Choose a range of at most 3 years";
  if (toMs > nowMs + 60_000) return "The end cannot be in the future";
  return null;
}

/** Reads the range from URL parameters; anything missing or invalid falls back to the default preset. */
export function parseRange(params: { get(name: string): string | null }, nowMs: number): TimeRange {
  const range = params.get("range");
  if (range === "custom") {
    const fromMs = Date.parse(params.get("from") ?? "");
    const toMs = Date.parse(params.get("to") ?? "");
    if (validateCustom(fromMs, toMs, nowMs) === null) return { kind: "custom", fromMs, toMs };
  }
  const preset = PRESET_NAMES.find((p) => p === range);
  return { kind: "preset", preset: preset ?? DEFAULT_PRESET };
}

/** The URL parameters for a range (merged into the page's other parameters by the caller). */
export function rangeParams(range: TimeRange): Record<string, string | null> {
  return range.kind === "preset"
    ? { range: range.preset, from: null, to: null }
    : { range: "custom", from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString() };
}

export function resolveRange(range: TimeRange, nowMs: number): ResolvedRange {
  if (range.kind === "preset") {
    const { ms, step } = PRESETS[range.preset];
    return { fromMs: nowMs - ms, toMs: nowMs, step, stepMs: stepMsOf(step), live: true };
  }
  const step = stepFor(range.fromMs, range.toMs, nowMs);
  return { fromMs: range.fromMs, toMs: range.toMs, step, stepMs: stepMsOf(step), live: false };
}

/** How far back the previous period lies: the range's length, rounded to whole steps so both align. */
export function previousShiftMs(r: ResolvedRange): number {
  return Math.max(1, Math.round((r.toMs - r.fromMs) / r.stepMs)) * r.stepMs;
}

/** A stable name for the range in query keys: presets slide, so their key must not hold a time. */
export const rangeKey = (range: TimeRange) => (range.kind === "preset" ? range.preset : `${range.fromMs}-${range.toMs}`);
