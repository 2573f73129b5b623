// Browser page for the map benchmark: times candidate layout engines on the same generated graph,
// without drawing (ELK in-thread, as the CSP allows no blob: worker). Results: window.__layoutResults.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import ELK from "elkjs/lib/elk.bundled.js";
import { computePositions } from "../../../components/map/map-layout";
import { nodeSize } from "../../../components/map/map-style";
import { generateGraph } from "./generate-graph";

declare global {
  interface Window {
    __layoutResults?: Record<string, unknown>;
  }
}

cytoscape.use(fcose);

async function timeRuns(runs: number, op: () => Promise<void> | void) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await op();
    samples.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: samples.length, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, minMs: sorted[0] ?? 0, maxMs: sorted[sorted.length - 1] ?? 0 };
}

async function compare(services: number, edgeCount: number, runs: number) {
  const { nodes, edges } = generateGraph(services, edgeCount);
  // Exactly what the map runs (its fCoSE settings, seeded), off-screen.
  const mapLayout = () => {
    computePositions(cytoscape, nodes.map((n) => ({ id: n.id, size: nodeSize(n.tier) })), edges, 1);
  };
  const elements = [
    ...nodes.map((n) => ({ group: "nodes" as const, data: { id: n.id } })),
    ...edges.map((e) => ({ group: "edges" as const, data: { id: e.id, source: e.source, target: e.target } })),
  ];
  const style = [{ selector: "node", style: { width: 20, height: 20 } }];
  const fcoseRun = (quality: "default" | "draft") => () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements, style });
    cy.layout({ name: "fcose", quality, animate: false, randomize: true, fit: false } as cytoscape.LayoutOptions).run();
    cy.destroy();
  };
  const elk = new ELK();
  const elkRun = (algorithm: string) => async () => {
    await elk.layout({
      id: "root",
      layoutOptions: { "elk.algorithm": algorithm, "elk.direction": "DOWN" },
      children: nodes.map((n) => ({ id: n.id, width: 20, height: 20 })),
      edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
    });
  };
  return {
    graph: `${services} services / ${edges.length} edges`,
    fcoseAsConfiguredInMap: await timeRuns(runs, mapLayout),
    fcoseDefaultOptions: await timeRuns(runs, fcoseRun("default")),
    fcoseDraft: await timeRuns(runs, fcoseRun("draft")),
    elkLayered: await timeRuns(Math.min(runs, 3), elkRun("layered")),
    elkStress: await timeRuns(Math.min(runs, 3), elkRun("stress")),
  };
}

const params = new URLSearchParams(location.search);
const sizes = (params.get("sizes") ?? "50x150,300x1000").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const runs = Number(params.get("runs") ?? 5);
const results: Record<string, unknown> = {};
for (const [s, e] of sizes) results[`${s}x${e}`] = await compare(s, e, runs);
window.__layoutResults = results;
