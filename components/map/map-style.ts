// The map's look: theme colours read from the page's CSS variables at run time (the canvas cannot
// use var()), and the Cytoscape stylesheet that encodes style, status and lifecycle.
import type { StylesheetJson } from "cytoscape";

export interface MapTheme {
  text: string;
  muted: string;
  accent: string;
  danger: string;
  warning: string;
  ok: string;
  border: string;
  surface: string;
  surface2: string;
}

// Used when a variable is missing, e.g. the map is rendered outside the app's stylesheet.
const LIGHT_FALLBACK: MapTheme = {
  text: "#15191f", muted: "#5b6472", accent: "#3657d6", danger: "#c4312b", warning: "#a86400",
  ok: "#1b7f4b", border: "#dde1e7", surface: "#ffffff", surface2: "#f0f2f5",
};

const VARIABLES: Record<keyof MapTheme, string> = {
  text: "--text", muted: "--muted", accent: "--accent", danger: "--danger", warning: "--warning",
  ok: "--ok", border: "--border", surface: "--surface", surface2: "--surface-2",
};

/**
 * Reads the theme's colours and normalises them through a 2D context, so any CSS colour syntax
 * (oklch(), named colours, …) reaches Cytoscape as #rrggbb or rgba().
 */
export function readTheme(root: HTMLElement = document.documentElement): MapTheme {
  const computed = getComputedStyle(root);
  const ctx = document.createElement("canvas").getContext("2d");
  const theme = { ...LIGHT_FALLBACK };
  for (const key of Object.keys(VARIABLES) as (keyof MapTheme)[]) {
    const raw = computed.getPropertyValue(VARIABLES[key]).trim();
    if (!raw) continue;
    if (!ctx) {
      theme[key] = raw;
      continue;
    }
    // An unparsable value leaves fillStyle unchanged; the sentinel detects that.
    ctx.fillStyle = "#010203";
    ctx.fillStyle = raw;
    const normalised = String(ctx.fillStyle);
    if (normalised !== "#010203" || raw.toLowerCase() === "#010203") theme[key] = normalised;
  }
  return theme;
}

export const STATUS_VARIABLE = { ok: "ok", warning: "warning", breaching: "danger", "no-data": "muted", silent: "muted" } as const;

/** Dash patterns shared by the canvas and the legend's SVG samples. */
export const DASH = { async: [6, 4], hybrid: [10, 3, 2, 3] } as const;

/** Node diameter in model units: tier 1 (most critical) is drawn largest. */
export function nodeSize(tier: number): number {
  return tier <= 1 ? 26 : tier === 2 ? 20 : 16;
}

/** Label size in model units: critical services get the larger labels. */
export function labelSize(tier: number): number {
  return tier <= 1 ? 16 : tier === 2 ? 12 : 10;
}

/** The smallest label worth drawing, in screen pixels. */
export const MIN_LABEL_PX = 8.5;

/**
 * The least critical tier still labelled at this zoom (0: none). Zooming out hides tier-3 labels
 * first and tier-1 labels last, so an estate-wide view names the critical services without a wall
 * of text. (Cytoscape's own min-zoomed-font-size rounds the zoom to powers of two: too coarse.)
 */
export function labelledTier(zoom: number): number {
  for (const tier of [3, 2, 1]) if (zoom * labelSize(tier) >= MIN_LABEL_PX) return tier;
  return 0;
}

/** A node as fitting sees it: its centre, diameter, label and label size (model units). */
export interface LabelledNode {
  x: number;
  y: number;
  size: number;
  label: string;
  fontSize: number;
}

/** How wide a label is estimated to be, per character and em (system-ui averages about 0.55 em; a little spare). */
const LABEL_EM_PER_CHAR = 0.6;

/**
 * The box the nodes and their labels (drawn centred under each node) take, estimated from the
 * labels' lengths instead of measured: measuring hundreds of labels would cost more than the layout.
 * A view fitted to it does not cut off the label of a node at its edge on a narrow screen.
 */
export function labelledBox(nodes: readonly LabelledNode[]): { x1: number; x2: number; y1: number; y2: number; w: number; h: number } | null {
  if (nodes.length === 0) return null;
  let [x1, x2, y1, y2] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const n of nodes) {
    const half = Math.max(n.size / 2, (n.label.length * n.fontSize * LABEL_EM_PER_CHAR) / 2);
    x1 = Math.min(x1, n.x - half);
    x2 = Math.max(x2, n.x + half);
    y1 = Math.min(y1, n.y - n.size / 2);
    y2 = Math.max(y2, n.y + n.size / 2 + 3 + n.fontSize * 1.25); // text-margin-y 3, one line of text
  }
  return { x1, x2, y1, y2, w: x2 - x1, h: y2 - y1 };
}

export function mapStylesheet(t: MapTheme): StylesheetJson {
  const statusColour = { ok: t.ok, warning: t.warning, breaching: t.danger, "no-data": t.muted, silent: t.muted };
  return [
    {
      selector: "node",
      style: {
        width: "data(size)",
        height: "data(size)",
        shape: "ellipse",
        "background-color": t.surface2,
        "border-width": 1.5,
        "border-color": t.muted,
        label: "data(label)",
        color: t.text,
        "font-size": "data(fontSize)",
        "font-family": 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-outline-color": t.surface,
        "text-outline-width": 2,
        "overlay-opacity": 0,
      },
    },
    // Set by the canvas from labelledTier(zoom); hovered and journey nodes keep their names.
    { selector: "node.unlabelled", style: { label: "" } },
    { selector: "node.team", style: { "background-color": t.accent, "border-color": t.accent } },
    { selector: "node.focus", style: { "border-color": t.accent, "border-width": 2.5, label: "data(label)" } },
    {
      selector: "edge",
      style: {
        width: 1.25,
        "curve-style": "bezier",
        "control-point-step-size": 12,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.75,
        "line-color": t.muted,
        "target-arrow-color": t.muted,
        "source-arrow-color": t.muted,
        "overlay-opacity": 0,
      },
    },
    ...(Object.entries(statusColour) as [string, string][]).map(([status, colour]) => ({
      selector: `edge[status = "${status}"]`,
      style: { "line-color": colour, "target-arrow-color": colour, "source-arrow-color": colour },
    })),
    { selector: 'edge[group = "async"]', style: { "line-style": "dashed", "line-dash-pattern": [...DASH.async] } },
    {
      selector: 'edge[group = "hybrid"]',
      // Dash-dot, plus a dot at the caller's end for the synchronous acknowledgement.
      style: { "line-style": "dashed", "line-dash-pattern": [...DASH.hybrid], "source-arrow-shape": "circle" },
    },
    // Not (or no longer) carrying production traffic.
    { selector: 'edge[lifecycle = "proposed"], edge[lifecycle = "retired"]', style: { opacity: 0.45 } },
    { selector: "edge.focus", style: { width: 3, "z-index": 10 } },
    { selector: "node.faded", style: { opacity: 0.2, events: "no", "text-opacity": 0, "z-index": 0 } },
    { selector: "edge.faded", style: { opacity: 0.08, events: "no", "z-index": 0 } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "node.hover", style: { "border-color": t.accent, "border-width": 3, "z-index": 30, label: "data(label)" } },
    { selector: "edge.hover", style: { width: 4, "z-index": 30, opacity: 1 } },
    { selector: "edge.hover-link", style: { width: 3, "z-index": 20, opacity: 1 } },
  ];
}
