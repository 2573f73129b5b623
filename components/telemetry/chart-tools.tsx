"use client";
// The Latency tab's chart tools: zoom in and reset (the keyboard's way to what a drag does), the CSV of
// the series drawn, the time zone, and the bar of a picked moment with "Copy link to this moment".
import { useRef, useState } from "react";
import { TimeZoneSelect, useTimeZone } from "@/components/ui/time-zone";
import css from "./telemetry.module.css";

/** Saves text as a file through a link to a Blob (no round trip to the server). */
export function downloadText(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

interface ToolsProps {
  zoomed: boolean;
  onZoomIn: () => void;
  onReset: () => void;
  onDownload: () => void;
  /** Picks the newest step: the keyboard's way to what a click on the chart does. */
  onPickMoment: () => void;
}

export function ChartTools({ zoomed, onZoomIn, onReset, onDownload, onPickMoment }: ToolsProps) {
  return (
    <div className={css.chartTools} role="toolbar" aria-label="Chart tools" data-testid="chart-tools">
      <span className="muted">Drag across the chart to zoom; click it to pick a moment.</span>
      <span className="spacer" />
      <button type="button" className="btn btn-sm" onClick={onZoomIn}>
        Zoom in
      </button>
      {zoomed && (
        <button type="button" className="btn btn-sm" onClick={onReset} data-testid="reset-zoom">
          Reset zoom
        </button>
      )}
      <button type="button" className="btn btn-sm" onClick={onPickMoment} data-testid="pick-moment">
        Pick a moment
      </button>
      <button type="button" className="btn btn-sm" onClick={onDownload} data-testid="download-csv">
        Download CSV
      </button>
      <TimeZoneSelect id="chart-time-zone" />
    </div>
  );
}

type CopyState = "idle" | "copied" | "manual";

interface MomentProps {
  atMs: number;
  link: string;
  onZoom: () => void;
  onClose: () => void;
  /** Moves the picked moment by whole steps (-1 earlier, 1 later). */
  onStep: (delta: number) => void;
}

/** The picked moment: its time, moving it a step either way, a link that opens the chart around it, and zooming to it. */
export function MomentBar({ atMs, link, onZoom, onClose, onStep }: MomentProps) {
  const tz = useTimeZone();
  // A copy is of one moment: after a step the status starts again.
  const [copied, setCopied] = useState<{ atMs: number; state: CopyState }>({ atMs, state: "idle" });
  const copy = copied.atMs === atMs ? copied.state : "idle";
  const setCopy = (state: CopyState) => setCopied({ atMs, state });
  const field = useRef<HTMLInputElement>(null);
  // Without the Clipboard API (plain HTTP, a refused permission) the link is shown selected to copy by hand.
  const fallback = () => {
    setCopy("manual");
    requestAnimationFrame(() => {
      field.current?.select();
      try {
        if (document.execCommand("copy")) setCopy("copied");
      } catch {
        /* stays manual */
      }
    });
  };
  const copyLink = () => {
    if (!navigator.clipboard) return fallback();
    navigator.clipboard.writeText(link).then(() => setCopy("copied"), fallback);
  };
  return (
    <div className={css.momentBar} data-testid="moment-bar" role="group" aria-label="Picked moment">
      <span>
        Moment: <strong data-testid="moment-time">{tz.full(atMs)}</strong>
      </span>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => onStep(-1)} aria-label="One step earlier" data-testid="moment-earlier">
        ←
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => onStep(1)} aria-label="One step later" data-testid="moment-later">
        →
      </button>
      <button type="button" className="btn btn-sm btn-primary" onClick={copyLink} data-testid="copy-moment-link">
        Copy link to this moment
      </button>
      <button type="button" className="btn btn-sm" onClick={onZoom}>
        Zoom around it
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Forget the picked moment">
        ×
      </button>
      <span role="status" aria-live="polite" data-testid="copy-status">
        {copy === "copied" ? "Copied" : copy === "manual" ? "Copy the link from here:" : ""}
      </span>
      {copy === "manual" && <input ref={field} readOnly value={link} aria-label="Link to this moment" className={css.momentLink} onFocus={(e) => e.target.select()} />}
    </div>
  );
}
