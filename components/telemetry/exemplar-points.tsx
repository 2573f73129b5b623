"use client";
// Exemplars on the charts: a call's duration, time and outcome, and the way to its trace — a link into
// the user's tracing UI (EDGEWISE_TRACE_URL) opened in a new tab, or, without one, the id to copy.
import { useState } from "react";
import { formatDuration } from "@/lib/format/duration";
import { useTimeZone } from "@/components/ui/time-zone";
import { traceUrl, type ExemplarItem } from "./exemplar-data";
import css from "./telemetry.module.css";

export function TraceLink({ exemplar, template }: { exemplar: ExemplarItem; template: string | null }) {
  const [copied, setCopied] = useState(false);
  const url = traceUrl(template, exemplar.traceId);
  if (url)
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" data-testid="trace-link">
        Open trace {exemplar.traceId.slice(0, 8)}… ↗
      </a>
    );
  const copy = () => {
    void navigator.clipboard?.writeText(exemplar.traceId).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <span className="row" style={{ gap: ".4rem", flexWrap: "wrap" }}>
      <code data-testid="trace-id" style={{ userSelect: "all", wordBreak: "break-all" }}>
        {exemplar.traceId}
      </code>
      <button type="button" className="btn btn-sm" onClick={copy}>
        {copied ? "Copied" : "Copy trace id"}
      </button>
    </span>
  );
}

/** Duration, time and outcome of one call, in the words the tooltip and the lists share. */
export function ExemplarSummary({ exemplar }: { exemplar: ExemplarItem }) {
  const tz = useTimeZone();
  return (
    <>
      <strong>{formatDuration(exemplar.durationMs)}</strong>
      {exemplar.error ? <span style={{ color: "var(--danger)" }}> · error</span> : " · ok"}
      <div className="muted">{tz.full(exemplar.at, { seconds: true })}</div>
    </>
  );
}

export interface OpenExemplar {
  exemplar: ExemplarItem;
  /** Pixels from the chart's top-left corner. */
  x: number;
  y: number;
  /** Clicked (stays, with its trace link) rather than hovered. */
  pinned: boolean;
}

/** The point's tooltip on hover; on click it stays, with the trace link or the id to copy. */
export function ExemplarPopover({ open, template, onClose }: { open: OpenExemplar | null; template: string | null; onClose: () => void }) {
  if (!open) return null;
  return (
    <div
      role={open.pinned ? "dialog" : "tooltip"}
      aria-label={open.pinned ? "Exemplar" : undefined}
      className={css.tooltip}
      style={{ left: open.x, top: Math.max(0, open.y - 90), pointerEvents: open.pinned ? "auto" : "none" }}
      data-testid="exemplar-popover"
    >
      <ExemplarSummary exemplar={open.exemplar} />
      {open.pinned ? (
        <div style={{ marginTop: ".3rem" }}>
          <TraceLink exemplar={open.exemplar} template={template} />
          <button type="button" className="btn btn-sm btn-ghost" aria-label="Close" onClick={onClose} style={{ marginLeft: ".3rem" }}>
            ×
          </button>
        </div>
      ) : (
        <div className="muted">Click to open its trace</div>
      )}
    </div>
  );
}

/** The exemplars of a heatmap cell, slowest first, each with its trace. */
export function ExemplarList({ items, template }: { items: ExemplarItem[]; template: string | null }) {
  return (
    <ul className={css.exemplarList} data-testid="exemplar-list">
      {[...items]
        .sort((a, b) => b.durationMs - a.durationMs)
        .map((e) => (
          <li key={`${e.traceId}:${e.spanId}`}>
            <ExemplarSummary exemplar={e} /> <TraceLink exemplar={e} template={template} />
          </li>
        ))}
    </ul>
  );
}
