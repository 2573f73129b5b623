// Imperative side of the dependency map: owns the visible Cytoscape instance, applies a MapView
// (hide / fade / focus) with positions from map-layout, and reports taps and hovers. Browser-only.
import type { Core, ElementDefinition, EventObject, NodeCollection, NodeSingular } from "cytoscape";
import type { MapView } from "./graph-view";
import { computePositions, hashString, positionStore, type Positions } from "./map-layout";
import type { MapEdge, MapNode } from "./map-types";
import { labelledBox, labelledTier, labelSize, mapStylesheet, nodeSize, type MapTheme } from "./map-style";

/** x, y: pointer in the canvas (px); width, height: the canvas, so the tooltip can stay inside. */
interface HoverPoint {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type HoverTarget = ({ kind: "node"; slug: string } | { kind: "edge"; key: string }) & HoverPoint;

export interface MapCanvasEvents {
  onNodeTap(slug: string): void;
  onEdgeTap(key: string): void;
  onHover(target: HoverTarget | null): void;
}

export interface MapCanvas {
  /** Takes new data: labels and colours update in place; a changed topology is redrawn by the next applyView. */
  setData(nodes: MapNode[], edges: MapEdge[]): void;
  /** Shows the view, laying it out first when its elements have no positions yet. */
  applyView(view: MapView, hooks: { onLayoutStart(): void; reducedMotion: boolean }): Promise<void>;
  setTheme(theme: MapTheme): void;
  zoomBy(factor: number): void;
  fitView(): void;
  resize(): void;
  destroy(): void;
}

/** A fitted view never zooms in further than this, so a three-service journey is not drawn huge. */
const MAX_FIT_ZOOM = 1.25;
/** Room around a fitted view, beyond the nodes' labels. */
const FIT_PADDING_PX = 16;

// Cytoscape ids share one namespace for nodes and edges; prefixes keep a slug and a key apart.
const nodeId = (slug: string) => `s:${slug}`;
const edgeId = (key: string) => `i:${key}`;
const styleGroup = (style: MapEdge["style"]) => (style === "sync" ? "sync" : style === "hybrid" ? "hybrid" : "async");
// A team group is drawn by its size (the square root, so 400 services are not 20 times 20).
const nodeData = (n: MapNode) =>
  n.services !== undefined
    ? { slug: n.id, label: `${n.label} (${n.services})`, team: n.team, tier: 1, size: Math.min(72, 18 + 4 * Math.sqrt(n.services)), fontSize: labelSize(1) }
    : { slug: n.id, label: n.label, team: n.team, tier: n.tier, size: nodeSize(n.tier), fontSize: labelSize(n.tier) };
const edgeData = (e: MapEdge) => ({ key: e.id, style: e.style, group: styleGroup(e.style), lifecycle: e.lifecycle, status: e.status, protocol: e.protocol });

function toElements(nodes: MapNode[], edges: MapEdge[]): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({ group: "nodes" as const, data: { id: nodeId(n.id), ...nodeData(n) } })),
    ...edges.map((e) => ({ group: "edges" as const, data: { id: edgeId(e.id), source: nodeId(e.source), target: nodeId(e.target), ...edgeData(e) } })),
  ];
}

function topologyOf(nodes: MapNode[], edges: MapEdge[]): string {
  // A service's team decides what a team view shows, so it is part of the topology.
  return `${nodes.map((n) => `${n.id}\t${n.team}`).join("\n")}\u0000${edges.map((e) => `${e.id}\t${e.source}\t${e.target}`).join("\n")}`;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function createMapCanvas(container: HTMLElement, theme: MapTheme, events: MapCanvasEvents): Promise<MapCanvas> {
  performance.mark("edgewise-map:import-start");
  const [{ default: cytoscape }, { default: fcose }] = await Promise.all([import("cytoscape"), import("cytoscape-fcose")]);
  performance.measure("edgewise-map:import", "edgewise-map:import-start");
  // Registering twice only warns, but a remount (or a second map) should not.
  const registry = cytoscape as unknown as { edgewiseFcose?: boolean };
  if (!registry.edgewiseFcose) {
    cytoscape.use(fcose);
    registry.edgewiseFcose = true;
  }

  const cy: Core = cytoscape({ container, style: mapStylesheet(theme), boxSelectionEnabled: false, autounselectify: true, minZoom: 0.05, maxZoom: 4 });
  let data: { nodes: MapNode[]; edges: MapEdge[] } = { nodes: [], edges: [] };
  let topology = "";
  let topologyHash = "";
  /** Elements waiting to replace the drawn graph once their positions are known. */
  let pending: ElementDefinition[] | null = null;
  let positions = new Map<string, Positions>();
  let drawnLayoutKey: string | null = null;
  /** The focus the viewport was last fitted to; new data with the same focus keeps the user's zoom. */
  let fittedFocus: Set<string> | null = null;
  let current: MapView | null = null;

  const hoverAt = (e: EventObject): HoverPoint => ({ x: e.renderedPosition.x, y: e.renderedPosition.y, width: cy.width(), height: cy.height() });
  cy.on("tap", "node", (e) => events.onNodeTap(String(e.target.data("slug"))));
  cy.on("tap", "edge", (e) => events.onEdgeTap(String(e.target.data("key"))));
  cy.on("mouseover", "node", (e) => {
    const node = e.target as NodeSingular;
    cy.batch(() => {
      node.addClass("hover");
      node.connectedEdges().addClass("hover-link");
    });
    container.style.cursor = "pointer";
    events.onHover({ kind: "node", slug: String(node.data("slug")), ...hoverAt(e) });
  });
  cy.on("mouseover", "edge", (e) => {
    e.target.addClass("hover");
    container.style.cursor = "pointer";
    events.onHover({ kind: "edge", key: String(e.target.data("key")), ...hoverAt(e) });
  });
  cy.on("mouseout", "node, edge", () => {
    cy.batch(() => cy.elements(".hover, .hover-link").removeClass("hover hover-link"));
    container.style.cursor = "";
    events.onHover(null);
  });
  cy.on("viewport", () => events.onHover(null));

  // Label disclosure by zoom: restyles nodes only when the zoom crosses a tier's threshold.
  let labelled = -1;
  const updateLabels = (force = false) => {
    const tier = labelledTier(cy.zoom());
    if (tier === labelled && !force) return;
    labelled = tier;
    cy.batch(() => cy.nodes().forEach((n) => void n.toggleClass("unlabelled", Number(n.data("tier")) > tier)));
  };
  cy.on("zoom", () => updateLabels());

  const nodesOf = (slugs: Set<string>): NodeCollection => {
    const ids = new Set([...slugs].map(nodeId));
    return cy.nodes().filter((n) => ids.has(n.id()));
  };
  const focusNodes = (view: MapView) => nodesOf(view.focusNodes.size ? view.focusNodes : view.shownNodes);

  /**
   * Fits the viewport to the nodes and their labels, the labels' widths estimated from their lengths
   * (labelledBox): measuring 300 labels up front would cost more than the layout on a first visit.
   */
  function fitTo(nodes: NodeCollection, animate: boolean) {
    cy.stop(true, false);
    const box = labelledBox(
      nodes.map((n) => ({ ...n.position(), size: Number(n.data("size")), label: String(n.data("label") ?? ""), fontSize: Number(n.data("fontSize")) })),
    );
    if (!box) return;
    const width = cy.width();
    const height = cy.height();
    const fitZoom = Math.min((width - 2 * FIT_PADDING_PX) / Math.max(box.w, 1), (height - 2 * FIT_PADDING_PX) / Math.max(box.h, 1));
    const zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, fitZoom));
    const pan = { x: (width - zoom * (box.x1 + box.x2)) / 2, y: (height - zoom * (box.y1 + box.y2)) / 2 };
    if (animate) cy.animate({ zoom, pan }, { duration: 250 });
    else cy.viewport({ zoom, pan });
  }

  function layOut(view: MapView): Positions {
    performance.mark("edgewise-map:layout-start");
    const laidOut = computePositions(
      cytoscape,
      data.nodes.filter((n) => view.shownNodes.has(n.id)).map((n) => ({ id: nodeId(n.id), size: nodeSize(n.tier) })),
      data.edges.filter((e) => view.shownEdges.has(e.id)).map((e) => ({ id: edgeId(e.id), source: nodeId(e.source), target: nodeId(e.target) })),
      hashString(`${topologyHash}:${view.layoutKey}`),
    );
    performance.measure("edgewise-map:layout", "edgewise-map:layout-start");
    positionStore.write(view.layoutKey, topologyHash, laidOut);
    return laidOut;
  }

  return {
    setData(nodes, edges) {
      data = { nodes, edges };
      const next = topologyOf(nodes, edges);
      if (next !== topology) {
        topology = next;
        topologyHash = `${hashString(next).toString(36)}.${next.length.toString(36)}`;
        positions = new Map();
        pending = toElements(nodes, edges);
      } else if (pending) {
        pending = toElements(nodes, edges);
      } else {
        cy.batch(() => {
          for (const n of nodes) cy.getElementById(nodeId(n.id)).data(nodeData(n));
          for (const e of edges) cy.getElementById(edgeId(e.id)).data(edgeData(e));
        });
      }
    },

    async applyView(view, { onLayoutStart, reducedMotion }) {
      current = view;
      const covers = (p: Positions | null | undefined): p is Positions => !!p && [...view.shownNodes].every((s) => p.has(nodeId(s)));
      let laidOut = positions.get(view.layoutKey) ?? positionStore.read(view.layoutKey, topologyHash);
      if (!covers(laidOut)) {
        onLayoutStart();
        // The layout blocks the main thread: let the loading state paint first.
        await nextFrame();
        await nextFrame();
        if (current !== view) return; // superseded while waiting
        laidOut = layOut(view);
      }
      positions.set(view.layoutKey, laidOut);

      const moved = pending !== null || drawnLayoutKey !== view.layoutKey;
      const shownIds = new Set([...[...view.shownNodes].map(nodeId), ...[...view.shownEdges].map(edgeId)]);
      const filtered = view.focusNodes.size !== view.shownNodes.size || view.focusEdges.size !== view.shownEdges.size;
      const focusIds = filtered ? new Set([...[...view.focusNodes].map(nodeId), ...[...view.focusEdges].map(edgeId)]) : null;
      const teamIds = new Set([...view.teamNodes].map(nodeId));
      const positioned = laidOut;
      cy.batch(() => {
        if (pending) {
          cy.elements().remove();
          cy.add(pending);
          pending = null;
        }
        if (moved) {
          for (const [id, position] of positioned) cy.getElementById(id).position(position);
        }
        cy.elements().forEach((ele) => {
          const id = ele.id();
          const shown = shownIds.has(id);
          ele.toggleClass("hidden", !shown);
          ele.toggleClass("focus", shown && focusIds !== null && focusIds.has(id));
          ele.toggleClass("faded", shown && focusIds !== null && !focusIds.has(id));
          ele.toggleClass("team", teamIds.has(id));
        });
      });
      drawnLayoutKey = view.layoutKey;
      updateLabels(true);
      const focus = view.focusNodes.size ? view.focusNodes : view.shownNodes;
      if (moved || !fittedFocus || !sameSet(fittedFocus, focus)) fitTo(focusNodes(view), !moved && !reducedMotion);
      fittedFocus = focus;
    },

    setTheme(theme) {
      cy.style(mapStylesheet(theme));
    },

    zoomBy(factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },

    fitView() {
      if (current) fitTo(focusNodes(current), false);
    },

    resize() {
      cy.resize();
    },

    destroy() {
      cy.destroy();
    },
  };
}
