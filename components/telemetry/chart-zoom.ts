// Zooming the Latency tab's charts and linking to a moment (pure): a drag becomes a custom range kept
// in the URL beside the range it was zoomed from (`zoom`), so "Reset zoom", reload and back all work;
// a moment link is a range around one instant (`at`), highlighted when opened.
import { DEFAULT_PRESET, PRESET_NAMES, rangeParams, validateCustom, type TimeRange } from "./time-range";

export const ZOOM_PARAM = "zoom";
export const MOMENT_PARAM = "at";
/** The shortest range a zoom may give (the custom range's own minimum). */
export const MIN_ZOOM_MS = 5 * 60_000;
/** A moment link shows this much either side of the moment. */
export const MOMENT_HALF_SPAN_MS = 30 * 60_000;

type Params = { get(name: string): string | null };
type ParamChanges = Record<string, string | null>;

/** A range as one URL value: a preset's name, or an ISO 8601 interval `from/to`. */
export function serializeRange(range: TimeRange): string {
  return range.kind === "preset" ? range.preset : `${new Date(range.fromMs).toISOString()}/${new Date(range.toMs).toISOString()}`;
}

/** Reads `serializeRange`'s value back; null when it is neither a preset nor a valid interval. */
export function parseSerializedRange(value: string | null, nowMs: number): TimeRange | null {
  if (!value) return null;
  const parts = value.split("/");
  if (parts.length === 1) {
    const preset = PRESET_NAMES.find((p) => p === value);
    return preset ? { kind: "preset", preset } : null;
  }
  if (parts.length !== 2) return null;
  const [fromMs, toMs] = parts.map((p) => Date.parse(p)) as [number, number];
  return validateCustom(fromMs, toMs, nowMs) === null ? { kind: "custom", fromMs, toMs } : null;
}

/**
 * The range a drag between two step starts selects (either direction): from the first step's start to
 * the last step's end, widened about its middle to at least five minutes, and never past now.
 */
export function dragRange(aMs: number, bMs: number, stepMs: number, nowMs: number): { fromMs: number; toMs: number } {
  let fromMs = Math.min(aMs, bMs);
  let toMs = Math.max(aMs, bMs) + stepMs;
  if (toMs - fromMs < MIN_ZOOM_MS) {
    const mid = (fromMs + toMs) / 2;
    fromMs = Math.round(mid - MIN_ZOOM_MS / 2);
    toMs = fromMs + MIN_ZOOM_MS;
  }
  if (toMs > nowMs) {
    toMs = nowMs;
    fromMs = Math.min(fromMs, nowMs - MIN_ZOOM_MS);
  }
  return { fromMs, toMs };
}

/** The middle half of a range, for zooming in from the keyboard. */
export function zoomInRange(fromMs: number, toMs: number, nowMs: number): { fromMs: number; toMs: number } {
  const quarter = (toMs - fromMs) / 4;
  return dragRange(Math.round(fromMs + quarter), Math.round(toMs - quarter), 0, nowMs);
}

/** The URL changes for a zoom: the zoomed range, and the range to go back to (the first one zoomed from). */
export function zoomParams(params: Params, current: TimeRange, target: { fromMs: number; toMs: number }): ParamChanges {
  return { ...rangeParams({ kind: "custom", ...target }), [ZOOM_PARAM]: params.get(ZOOM_PARAM) ?? serializeRange(current), [MOMENT_PARAM]: null };
}

/** The URL changes for "Reset zoom": back to the range zoomed from (the default preset if that is unreadable). */
export function unzoomParams(params: Params, nowMs: number): ParamChanges {
  const before = parseSerializedRange(params.get(ZOOM_PARAM), nowMs) ?? { kind: "preset", preset: DEFAULT_PRESET };
  return { ...rangeParams(before), [ZOOM_PARAM]: null, [MOMENT_PARAM]: null };
}

/** The URL changes for picking a range from the picker: a new range is not a zoom any more. */
export function pickParams(range: TimeRange): ParamChanges {
  return { ...rangeParams(range), [ZOOM_PARAM]: null, [MOMENT_PARAM]: null };
}

/** Whether the page shows a zoom that "Reset zoom" can undo. */
export const isZoomed = (params: Params) => params.get(ZOOM_PARAM) !== null;

/**
 * The URL changes for a link to one moment: half an hour either side (the end no later than now),
 * the moment itself to highlight, and the range it was found in to go back to.
 */
export function momentParams(params: Params, current: TimeRange, atMs: number, nowMs: number): ParamChanges {
  const toMs = Math.min(nowMs, atMs + MOMENT_HALF_SPAN_MS);
  const fromMs = Math.min(atMs - MOMENT_HALF_SPAN_MS, toMs - MIN_ZOOM_MS);
  return { ...zoomParams(params, current, { fromMs, toMs }), [MOMENT_PARAM]: new Date(atMs).toISOString() };
}

/** The highlighted moment from the URL: a valid instant inside the range shown, or null. */
export function parseMoment(params: Params, range: { fromMs: number; toMs: number }): number | null {
  const atMs = Date.parse(params.get(MOMENT_PARAM) ?? "");
  return Number.isFinite(atMs) && atMs >= range.fromMs && atMs <= range.toMs ? atMs : null;
}

/**
 * The keyboard's way to pick a moment: with none picked, the newest step (`steps` ascending); else
 * the step `delta` away from the picked one (a moment between two steps counts from between them),
 * held at the first and the last.
 */
export function stepMoment(steps: readonly number[], pickedMs: number | null, delta: number): number | null {
  if (steps.length === 0) return null;
  if (pickedMs === null) return steps.at(-1)!;
  const above = steps.findIndex((t) => t >= pickedMs);
  const i = above === -1 ? steps.length : above;
  const target = steps[i] === pickedMs ? i + delta : delta > 0 ? i + delta - 1 : i + delta;
  return steps[Math.min(steps.length - 1, Math.max(0, target))]!;
}

/** Applies changes to a query string: null removes a parameter. */
export function withParams(search: string, changes: ParamChanges): string {
  const next = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  return next.toString();
}
