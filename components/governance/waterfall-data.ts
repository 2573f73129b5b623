// Rows for the budget waterfall (pure): each synchronous step split into the part that fits the
// journey budget and the part past it, so a bar turns red exactly where it crosses the budget line.
import type { Composition } from "@/lib/governance/budget-math";

export interface WaterfallRow {
  key: string;
  /** The step's position among all steps, 1-based, as the journey lists them. */
  position: number;
  offsetMs: number;
  withinMs: number;
  overMs: number;
  budgetP99Ms: number;
  endMs: number;
}

export function waterfallRows(composition: Composition): WaterfallRow[] {
  const limit = composition.budgetP99Ms;
  return composition.steps.flatMap((s, i) => {
    if (!s.synchronous) return [];
    const endMs = s.offsetMs + s.budgetP99Ms;
    const withinMs = Math.max(0, Math.min(endMs, limit) - s.offsetMs);
    return [{ key: s.key, position: i + 1, offsetMs: s.offsetMs, withinMs, overMs: s.budgetP99Ms - withinMs, budgetP99Ms: s.budgetP99Ms, endMs }];
  });
}

/** `checkout->payments:authorize` reads as `payments:authorize` beside a chart (the caller is the journey's). */
export function shortKey(key: string): string {
  const arrow = key.indexOf("->");
  return arrow >= 0 ? key.slice(arrow + 2) : key;
}

const NICE_STEPS_MS = [10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000];

/** Axis ticks at round milliseconds, a little past the longer of the budget and the chain. */
export function axisTicksMs(composition: Composition, maxTicks = 6): number[] {
  const top = Math.max(composition.budgetP99Ms, composition.syncTotalMs) * 1.06;
  const step = NICE_STEPS_MS.find((s) => top / s <= maxTicks) ?? Math.ceil(top / maxTicks);
  const count = Math.max(1, Math.ceil(top / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
