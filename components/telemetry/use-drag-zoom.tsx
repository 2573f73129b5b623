"use client";
// Drag to zoom and click to pick, for any Recharts chart on a time axis: a drag from one point to another
// selects the range between them (drawn as a shaded area while it is dragged), a press and release on one
// point picks it. Charts that share an axis share one of these, so a drag across any of them works alike.
import { useState, type ReactNode } from "react";
import { ReferenceArea, type MouseHandlerDataParam } from "recharts";
import css from "./telemetry.module.css";

export interface DragZoom {
  /** Spread onto the chart. */
  handlers: Record<"onMouseDown" | "onMouseMove", (state: MouseHandlerDataParam) => void> & Record<"onMouseUp" | "onMouseLeave", () => void>;
  /** The shaded range being dragged, as a child of the chart (on the chart's y axis `yAxisId`). */
  area: (yAxisId?: string) => ReactNode;
  /** For the chart's wrapper: a crosshair, and no text selection while dragging ("" when zooming is off). */
  className: string;
}

/** The x value (a point's time) under the pointer, if any. */
const pointUnder = (state: MouseHandlerDataParam): number | null => {
  const x = Number(state.activeLabel);
  return state.activeLabel !== undefined && Number.isFinite(x) ? x : null;
};

/** `onZoom` gets the two points' x values, either order; `onPick` one point's. Without `onZoom` a drag does nothing. */
export function useDragZoom(onZoom?: (aMs: number, bMs: number) => void, onPick?: (atMs: number) => void): DragZoom {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const handlers: DragZoom["handlers"] = {
    onMouseDown: (state) => {
      const x = pointUnder(state);
      if (x !== null && (onZoom || onPick)) setDrag({ a: x, b: x });
    },
    onMouseMove: (state) => {
      const x = pointUnder(state);
      if (drag && x !== null && x !== drag.b) setDrag({ ...drag, b: x });
    },
    onMouseUp: () => {
      if (!drag) return;
      setDrag(null);
      if (drag.a !== drag.b) onZoom?.(drag.a, drag.b);
      else onPick?.(drag.a);
    },
    onMouseLeave: () => setDrag(null),
  };
  const area = (yAxisId?: string) =>
    drag && drag.a !== drag.b && onZoom ? (
      <ReferenceArea yAxisId={yAxisId} x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} ifOverflow="hidden" fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" strokeOpacity={0.5} />
    ) : null;
  return { handlers, area, className: (onZoom && css.zoomable) || "" };
}
