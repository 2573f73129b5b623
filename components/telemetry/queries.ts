"use client";
// Query keys and hooks for the Latency tab. Ranges that end now refresh on an interval, never while the
// browser tab is hidden (TanStack Query skips the interval in background tabs) or while paused by the user.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import type { BurnWindow } from "@/lib/slo/burn-rate";
import type { SloStatus } from "@/lib/slo/status";
import type { LatencyHeatmap } from "@/lib/telemetry/heatmap";
import type { Exemplars } from "./exemplar-data";
import type { Latency } from "./latency-data";
import { previousShiftMs, rangeKey, resolveRange, stepMsOf, type TimeRange } from "./time-range";

export type Heatmap = LatencyHeatmap;

export interface Annotation {
  id: string;
  at: string;
  kind: string;
  title: string;
  link: string | null;
}

export type { BurnWindow };
export type Slo = SloStatus;
export type SloObjective = SloStatus["availability"];

export const telemetryKeys = {
  all: ["telemetry"] as const,
  latency: (key: string, range: string, which: "current" | "previous" = "current") => ["telemetry", "latency", key, range, which] as const,
  heatmap: (key: string, range: string) => ["telemetry", "heatmap", key, range] as const,
  annotations: (key: string, range: string) => ["telemetry", "annotations", key, range] as const,
  slo: (key: string) => ["telemetry", "slo", key] as const,
  exemplars: (key: string, range: string) => ["telemetry", "exemplars", key, range] as const,
  cellExemplars: (key: string, fromMs: number, toMs: number) => ["telemetry", "exemplars", key, "cell", fromMs, toMs] as const,
};

/** How often a live range refreshes: every 30 s up to a day, every 5 minutes for longer ranges. */
export const refreshMs = (range: TimeRange) => (range.kind === "preset" && ["1h", "6h", "24h"].includes(range.preset) ? 30_000 : 300_000);

const path = (key: string, what: string) => `/api/integrations/${encodeURIComponent(key)}/${what}`;

function rangeQuery(range: TimeRange, shiftMs = 0, step?: string) {
  const r = resolveRange(range, Date.now());
  return new URLSearchParams({ from: new Date(r.fromMs - shiftMs).toISOString(), to: new Date(r.toMs - shiftMs).toISOString(), step: step ?? r.step });
}

const COARSER = ["1h", "1d"];

/**
 * Reads a range at its step, or — when the server says that far back only hours (or days) cover it,
 * as after a backfill — at the next coarser step it accepts. Answers which step it used.
 */
async function readRange<T>(url: string, range: TimeRange, shiftMs = 0): Promise<T & { stepMs: number }> {
  const r = resolveRange(range, Date.now());
  const steps = [r.step, ...COARSER.filter((s) => stepMsOf(s) > r.stepMs)];
  for (const [i, step] of steps.entries()) {
    try {
      return { ...(await fetchJson<T>(`${url}?${rangeQuery(range, shiftMs, step)}`)), stepMs: stepMsOf(step) };
    } catch (e) {
      const stepRefused = e instanceof ApiError && e.status === 422 && JSON.stringify(e.details ?? "").includes('"step"');
      if (!stepRefused || i === steps.length - 1) throw e;
    }
  }
  throw new Error("unreachable");
}

interface Options {
  integrationKey: string;
  range: TimeRange;
  /** Poll: the range ends now and the person has not paused it. */
  live: boolean;
}

const polling = ({ range, live }: Options, intervalMs = refreshMs(range)) => ({
  refetchInterval: live ? intervalMs : (false as const),
  refetchIntervalInBackground: false,
  staleTime: 15_000,
  placeholderData: keepPreviousData,
});

export function useLatency(o: Options) {
  return useQuery({
    queryKey: telemetryKeys.latency(o.integrationKey, rangeKey(o.range)),
    queryFn: () => readRange<Latency>(path(o.integrationKey, "latency"), o.range),
    ...polling(o),
  });
}

/** The same range one period earlier, for the comparison overlay; fetched only when asked for. */
export function usePreviousLatency(o: Options & { enabled: boolean }) {
  return useQuery({
    queryKey: telemetryKeys.latency(o.integrationKey, rangeKey(o.range), "previous"),
    queryFn: () => readRange<Latency>(path(o.integrationKey, "latency"), o.range, previousShiftMs(resolveRange(o.range, Date.now()))),
    enabled: o.enabled,
    ...polling(o),
  });
}

export function useHeatmap(o: Options) {
  return useQuery({
    queryKey: telemetryKeys.heatmap(o.integrationKey, rangeKey(o.range)),
    queryFn: () => readRange<Heatmap>(path(o.integrationKey, "heatmap"), o.range),
    ...polling(o),
  });
}

export function useAnnotations(o: Options) {
  return useQuery({
    queryKey: telemetryKeys.annotations(o.integrationKey, rangeKey(o.range)),
    queryFn: () => {
      const q = rangeQuery(o.range);
      q.delete("step");
      q.set("integration", o.integrationKey);
      return fetchJson<{ items: Annotation[] }>(`/api/annotations?${q}`).then((r) => r.items);
    },
    ...polling(o),
  });
}

/** How many exemplars the percentile chart draws over a range, and over how many slots of it they are spread. */
export const CHART_EXEMPLARS = 100;
const CHART_EXEMPLAR_SLOTS = 50;

const exemplarsUrl = (key: string, fromMs: number, toMs: number, limit: number, spread = 1) =>
  `${path(key, "exemplars")}?${new URLSearchParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), limit: String(limit), spread: String(spread) })}`;

/** The slowest exemplars of each slot of the range (so a quiet hour after an incident still has calls to open), drawn over the percentile lines. */
export function useExemplars(o: Options) {
  return useQuery({
    queryKey: telemetryKeys.exemplars(o.integrationKey, rangeKey(o.range)),
    queryFn: () => {
      const r = resolveRange(o.range, Date.now());
      return fetchJson<Exemplars>(exemplarsUrl(o.integrationKey, r.fromMs, r.toMs, CHART_EXEMPLARS, CHART_EXEMPLAR_SLOTS));
    },
    ...polling(o),
  });
}

/** The exemplars of one heatmap column (fetched when a cell is opened; the cell picks its band's). */
export function useCellExemplars(integrationKey: string, cell: { fromMs: number; toMs: number } | null) {
  return useQuery({
    queryKey: telemetryKeys.cellExemplars(integrationKey, cell?.fromMs ?? 0, cell?.toMs ?? 0),
    queryFn: () => fetchJson<Exemplars>(exemplarsUrl(integrationKey, cell!.fromMs, cell!.toMs, 200)),
    enabled: cell !== null,
    staleTime: 60_000,
  });
}

export function useSlo(o: Options) {
  return useQuery({
    queryKey: telemetryKeys.slo(o.integrationKey),
    queryFn: () => fetchJson<Slo>(path(o.integrationKey, "slo")),
    ...polling(o, 60_000),
  });
}

function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}

/** Whether the browser tab is visible (true on the server, where nothing polls anyway). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === "visible", () => true);
}
