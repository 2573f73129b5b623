// Where each service sits: fCoSE on an off-screen (headless) Cytoscape, so the visible canvas only
// ever draws positioned nodes; seeded, so the same catalog draws the same map; remembered per browser.
import type cytoscapeNamespace from "cytoscape";
import type { Position } from "cytoscape";

type Cytoscape = typeof cytoscapeNamespace;
export type Positions = Map<string, Position>;

/**
 * fCoSE settings by graph size. "default" quality (spectral start, then force refinement) takes
 * about a second at 300 services on one core; refinement grows to several seconds beyond ~450 shown
 * services, so those get the spectral "draft" layout (0.1–0.3 s). Figures: `npm run bench -- map`.
 */
const DRAFT_ABOVE_NODES = 450;
function layoutOptions(nodeCount: number) {
  return {
    name: "fcose",
    quality: nodeCount > DRAFT_ABOVE_NODES ? "draft" : "default",
    randomize: true,
    animate: false,
    fit: false,
    packComponents: true,
    tile: true,
    // Roomier than fCoSE's defaults (4500 / 50) so nodes and arrows do not overlap at fit zoom.
    nodeRepulsion: 20000,
    idealEdgeLength: 100,
    nodeSeparation: 100,
  };
}

/** Bump when the layout settings change, so browsers drop positions remembered from the old ones. */
const LAYOUT_VERSION = 1;

export function hashString(s: string): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Runs fn with Math.random replaced by a seeded generator (mulberry32); fCoSE samples with it. */
function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  let a = seed >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** Lays out the given nodes (ids, diameters) and edges synchronously; blocks the main thread. */
export function computePositions(
  cytoscape: Cytoscape,
  nodes: { id: string; size: number }[],
  edges: { id: string; source: string; target: string }[],
  seed: number,
): Positions {
  const headless = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: "node", style: { width: "data(size)", height: "data(size)" } }],
    elements: [...nodes.map((data) => ({ group: "nodes" as const, data })), ...edges.map((data) => ({ group: "edges" as const, data }))],
  });
  try {
    withSeededRandom(seed, () => headless.layout(layoutOptions(nodes.length) as unknown as cytoscapeNamespace.LayoutOptions).run());
    return new Map(headless.nodes().map((n) => [n.id(), { ...n.position() }]));
  } finally {
    headless.destroy();
  }
}

/**
 * Positions remembered per browser for an unchanged catalog, so a revisit skips the layout.
 * Storage can be full or disabled (private windows); then the map simply lays out again.
 */
export const positionStore = {
  key: (layoutKey: string) => `edgewise-map-layout:v${LAYOUT_VERSION}:${layoutKey}`,
  read(layoutKey: string, topologyHash: string): Positions | null {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key(layoutKey)) ?? "null") as { hash: string; positions: [string, number, number][] } | null;
      if (stored?.hash !== topologyHash) return null;
      return new Map(stored.positions.map(([id, x, y]) => [id, { x, y }]));
    } catch {
      return null;
    }
  },
  write(layoutKey: string, topologyHash: string, positions: Positions) {
    try {
      const list = [...positions].map(([id, p]) => [id, Math.round(p.x), Math.round(p.y)]);
      localStorage.setItem(this.key(layoutKey), JSON.stringify({ hash: topologyHash, positions: list }));
    } catch {
      // Quota or privacy mode: nothing to remember.
    }
  },
};
