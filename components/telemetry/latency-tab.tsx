"use client";
// The Latency tab: range picker (in the URL), live/paused state, the percentile chart with calls and
// error rate, the latency heatmap, and the SLO panel. Ranges that end now refresh while visible.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { AttachEvidence } from "@/components/decisions/attach-evidence";
import { ErrorNotice } from "@/components/ui/states";
import { useTimeZone } from "@/components/ui/time-zone";
import type { AttachTarget } from "@/lib/decisions/evidence-types";
import { ChartTools, downloadText, MomentBar } from "./chart-tools";
import { dragRange, isZoomed, momentParams, parseMoment, pickParams, stepMoment, unzoomParams, withParams, zoomInRange, zoomParams } from "./chart-zoom";
import { LatencyChart } from "./latency-chart";
import { exemplarPoints } from "./exemplar-data";
import { chartPoints } from "./latency-data";
import { LatencyHeatmap } from "./latency-heatmap";
import { refreshMs, useAnnotations, useExemplars, useHeatmap, useLatency, usePageVisible, usePreviousLatency, useSlo } from "./queries";
import { RangePicker } from "./range-picker";
import { SloPanel } from "./slo-panel";
import { TelemetryEmpty } from "./telemetry-empty";
import { csvFileName, latencyCsvColumns, seriesCsv } from "./series-csv";
import { parseRange, previousShiftMs, resolveRange, type TimeRange } from "./time-range";
import css from "./telemetry.module.css";

function LiveIndicator({ live, visible, paused, onToggle, intervalMs, fetching }: { live: boolean; visible: boolean; paused: boolean; onToggle: () => void; intervalMs: number; fetching: boolean }) {
  if (!live) return <span className={css.live} data-testid="live-state" data-state="fixed">Fixed range: not refreshed</span>;
  const state = paused || !visible ? "paused" : "live";
  return (
    <span className="row" style={{ gap: ".4rem" }}>
      <span className={css.live} data-testid="live-state" data-state={state} aria-live="polite">
        <span className={`${css.dot} ${state === "live" ? css.dotLive : ""}`} aria-hidden="true" />
        {state === "live" ? `Live · every ${intervalMs / 1000 >= 60 ? `${intervalMs / 60_000} min` : `${intervalMs / 1000} s`}${fetching ? " · updating" : ""}` : paused ? "Paused" : "Paused while the tab is hidden"}
      </span>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onToggle}>
        {paused ? "Resume" : "Pause"}
      </button>
    </span>
  );
}

function ChartSkeleton() {
  return (
    <div className="card" role="status" aria-busy="true" aria-label="Loading latency" data-testid="latency-loading">
      <div className="skeleton" style={{ width: "30%" }} />
      <div className="skeleton" style={{ height: 260, marginTop: ".75rem" }} />
      <div className="skeleton" style={{ height: 110, marginTop: ".75rem" }} />
    </div>
  );
}

/** Said wherever the integration appears silent: the chart stops because nothing arrives, not because all is well. */
function SilenceBanner({ since }: { since: string }) {
  const tz = useTimeZone();
  return (
    <div className="notice notice-warning" role="status" data-testid="silence-banner" style={{ marginBottom: "1rem" }}>
      <strong>No calls since {tz.full(since)}.</strong> The chart stops there and the SLOs have nothing to measure: silence is not health.
      Check that the caller still makes this call and that its telemetry reaches Edgewise.
    </div>
  );
}

interface Props {
  integrationKey: string;
  telemetry: { sourceName: string; targetName: string } | null;
  /** When the last call arrived (null: never, as far as the health refresh knows). */
  lastCallAt?: string | null;
  /** Set when the integration point is silent: the time of its last call. */
  silentSince?: string | null;
  /** Records the reader may attach a latency snapshot to; null when they may not write decisions. */
  attachTargets?: AttachTarget[] | null;
}

export function LatencyTab({ integrationKey, telemetry, lastCallAt = null, silentSince = null, attachTargets = null }: Props) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const visible = usePageVisible();
  const [paused, setPaused] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const tz = useTimeZone();
  // Parsed once per URL: presets are resolved against the clock when each request is made.
  const range = useMemo(() => parseRange(params, Date.now()), [params]);
  const compare = params.get("compare") === "1";
  const resolvedNow = resolveRange(range, Date.now());
  const live = resolvedNow.live && !paused;
  const options = { integrationKey, range, live };

  const latency = useLatency(options);
  const previous = usePreviousLatency({ ...options, enabled: compare });
  const heatmap = useHeatmap(options);
  const annotations = useAnnotations(options);
  const slo = useSlo(options);
  const exemplars = useExemplars(options);

  // A zoom, its reset and a moment are steps the reader may go back from; other changes replace.
  const setParams = (changes: Record<string, string | null>, history: "push" | "replace" = "replace") => {
    router[history](`${pathname}?${withParams(params.toString(), changes)}`, { scroll: false });
  };
  const setRange = (r: TimeRange) => setParams(pickParams(r));
  const zoomTo = (target: { fromMs: number; toMs: number }) => {
    setPicked(null);
    setParams(zoomParams(params, range, target), "push");
  };
  const resetZoom = () => {
    setPicked(null);
    setParams(unzoomParams(params, Date.now()), "push");
  };
  const momentChanges = (atMs: number) => momentParams(params, range, atMs, Date.now());
  const momentLink = (atMs: number) => `${window.location.origin}${pathname}?${withParams(params.toString(), momentChanges(atMs))}`;

  const toolbar = (
    <div className={css.toolbar}>
      <RangePicker key={params.toString()} range={range} resolved={resolvedNow} onChange={setRange} />
      <label className={css.toggle}>
        <input type="checkbox" checked={compare} onChange={(e) => setParams({ compare: e.target.checked ? "1" : null })} />
        Compare with the previous period
      </label>
      <span className="spacer" />
      <LiveIndicator live={resolvedNow.live} visible={visible} paused={paused} onToggle={() => setPaused(!paused)} intervalMs={refreshMs(range)} fetching={latency.isFetching} />
    </div>
  );

  let body;
  if (latency.isPending) body = <ChartSkeleton />;
  else if (latency.isError && !latency.data)
    body = (
      <div className="card" data-testid="latency-error">
        <ErrorNotice error={latency.error} />
        <button type="button" className="btn btn-sm" style={{ marginTop: ".75rem" }} onClick={() => void latency.refetch()}>
          Try again
        </button>
      </div>
    );
  else {
    const data = latency.data!;
    // The axis spans the steps asked for, so both charts and the heatmap line up.
    const first = data.series[0] ? Date.parse(data.series[0].t) : resolvedNow.fromMs;
    const domain: [number, number] = [first, first + data.series.length * data.stepMs];
    const calls = data.series.reduce((n, p) => n + p.count, 0);
    const points = chartPoints(data.series, data.stepMs, compare && previous.data ? { series: previous.data.series, shiftMs: previousShiftMs(resolvedNow) } : undefined);
    const inRange = (annotations.data ?? []).filter((a) => Date.parse(a.at) >= domain[0] && Date.parse(a.at) <= domain[1]);
    const highlightMs = parseMoment(params, { fromMs: domain[0], toMs: domain[1] });
    const stepTimes = points.map((p) => p.x);
    const downloadCsv = () => {
      const retries = points.some((p) => p.logicalCalls > 0 || p.throttled > 0);
      downloadText(csvFileName(integrationKey, domain[0], domain[1]), seriesCsv(points, latencyCsvColumns({ compare, retries }), tz.zone), "text/csv;charset=utf-8");
    };
    body =
      calls === 0 ? (
        <>
          {silentSince && <SilenceBanner since={silentSince} />}
          {isZoomed(params) && (
            // A zoom into days without calls (from a burn-down, say) must not strand the reader there.
            <div className="notice row" data-testid="zoomed-empty" style={{ marginBottom: "1rem", justifyContent: "space-between" }}>
              <span>No calls in the zoomed range.</span>
              <button type="button" className="btn btn-sm" onClick={resetZoom} data-testid="reset-zoom">
                Reset zoom
              </button>
            </div>
          )}
          <TelemetryEmpty telemetry={telemetry} />
        </>
      ) : (
        <>
          {silentSince && <SilenceBanner since={silentSince} />}
          {data.approximate && (
            <div className="notice" data-testid="approximate-note" style={{ marginBottom: "1rem" }}>
              Percentiles here are approximate: part of this range comes from explicit-bucket metric histograms, so a percentile is only known to lie within its bucket.
            </div>
          )}
          {latency.isError && <ErrorNotice error={latency.error} />}
          <ChartTools
            zoomed={isZoomed(params)}
            onZoomIn={() => zoomTo(zoomInRange(resolvedNow.fromMs, resolvedNow.toMs, Date.now()))}
            onReset={resetZoom}
            onDownload={downloadCsv}
            onPickMoment={() => setPicked(stepMoment(stepTimes, null, 0))}
          />
          <LatencyChart
            integrationKey={integrationKey}
            data={points}
            budget={data.budget}
            domain={domain}
            annotations={inRange}
            compare={compare}
            exemplars={exemplars.data ? { points: exemplarPoints(exemplars.data.items, domain), template: exemplars.data.traceUrlTemplate } : undefined}
            zone={tz.zone}
            onZoom={(a, b) => zoomTo(dragRange(a, b, data.stepMs, Date.now()))}
            onPick={setPicked}
            highlightMs={highlightMs}
            pickedMs={picked}
          />
          {picked !== null && (
            <MomentBar
              atMs={picked}
              link={momentLink(picked)}
              onZoom={() => {
                setPicked(null);
                setParams(momentChanges(picked), "push");
              }}
              onClose={() => setPicked(null)}
              onStep={(delta) => setPicked(stepMoment(stepTimes, picked, delta))}
            />
          )}
          {compare && previous.isError && <ErrorNotice error={previous.error} />}
          <p className="muted" style={{ margin: ".4rem 0 1rem", fontSize: ".85rem" }}>
            {lastCallAt && <span data-testid="last-data">Last data at {tz.full(lastCallAt)} · </span>}
            {highlightMs !== null && <span data-testid="linked-moment">Linked moment {tz.full(highlightMs)} (the solid line) · </span>}
            {data.series.at(-1)?.partialMs !== undefined && (
              <span data-testid="partial-step">the last step is still filling: its calls are per minute so far, its percentiles drawn once it is complete · </span>
            )}
            {data.resolution} buckets · percentiles within 1 % of the exact values · markers: ◆ decision accepted, ▲ deploy, ! incident
            {compare && " · dashed grey: p99 of the previous period, shifted onto this one"}
            {exemplars.data && exemplars.data.items.length > 0 && " · dots: the slowest calls kept as exemplars (red: errors), click one to open its trace"}
          </p>
          {exemplars.isError && <ErrorNotice error={exemplars.error} />}
          {exemplars.data?.items.length === 0 && (
            <p className="muted" data-testid="exemplars-empty" style={{ margin: "-.6rem 0 1rem", fontSize: ".85rem" }}>
              No exemplars in this range. They come from spans sent to /v1/traces, and from spanmetrics histograms whose points carry exemplars (enable exemplars in the Collector&apos;s spanmetrics connector).
            </p>
          )}
          {heatmap.data ? (
            <LatencyHeatmap integrationKey={integrationKey} heatmap={heatmap.data} domain={domain} budgetP99Ms={data.budget.p99Ms} />
          ) : heatmap.isError ? (
            <ErrorNotice error={heatmap.error} />
          ) : (
            <div className="card" role="status" aria-busy="true" aria-label="Loading the latency distribution">
              <div className="skeleton" style={{ height: 200 }} />
            </div>
          )}
          {inRange.length > 0 && (
            <ul className="muted" data-testid="annotation-list" style={{ fontSize: ".9rem" }}>
              {inRange.map((a) => (
                <li key={a.id}>
                  {tz.full(a.at)} — {a.title}
                  {a.link && (
                    <>
                      {" "}
                      (<a href={a.link} rel="noreferrer noopener" target="_blank">link</a>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      );
  }

  return (
    <>
      {toolbar}
      {body}
      {/* The burn-down's points are day ends, not step starts: the zoom is the days between them. */}
      <SloPanel slo={slo.data} error={slo.error} pending={slo.isPending} silentSince={silentSince} onZoom={(a, b) => zoomTo(dragRange(a, b, 0, Date.now()))} />
      {attachTargets && latency.data && (
        <div style={{ marginTop: "1.5rem" }}>
          <AttachEvidence
            evidence={{ kind: "latency-snapshot", integration: integrationKey, from: new Date(resolvedNow.fromMs).toISOString(), to: new Date(resolvedNow.toMs).toISOString() }}
            newRecord={{ title: `Latency of ${integrationKey}`, integrations: [integrationKey] }}
            targets={attachTargets}
            hint="Stores this range's percentiles, calls, errors and the budget of this integration point on the record as evidence."
            testId="attach-snapshot"
          />
        </div>
      )}
    </>
  );
}
