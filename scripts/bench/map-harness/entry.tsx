// Map benchmark page: mounts <DependencyMap> with a generated estate (?services=&edges=&theme=) and
// records when it is ready, when it has painted, and how long each animation frame's work takes.
import "../../../app/globals.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DependencyMap } from "../../../components/map/dependency-map";
import { generateGraph } from "./generate-graph";

interface FrameLog {
  recording: boolean;
  /** rAF timestamp → total callback time in that frame (ms). */
  work: Map<number, number>;
}
declare global {
  interface Window {
    __frames: FrameLog;
    __mountAt: number;
    __readyAt: number[];
    __paintedAt: number[];
    __cspViolations: string[];
  }
}

// Cytoscape renders from requestAnimationFrame; timing every callback gives the main-thread cost of
// each frame while panning and zooming (React schedules through MessageChannel, not rAF).
window.__frames = { recording: false, work: new Map() };
const nativeRaf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback) =>
  nativeRaf((time) => {
    const t0 = performance.now();
    try {
      callback(time);
    } finally {
      if (window.__frames.recording) window.__frames.work.set(time, (window.__frames.work.get(time) ?? 0) + performance.now() - t0);
    }
  });

window.__readyAt = [];
window.__paintedAt = [];
window.__cspViolations ??= [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
new MutationObserver((records) => {
  for (const r of records) {
    if ((r.target as HTMLElement).dataset.ready !== "true" || r.oldValue === "true") continue;
    window.__readyAt.push(performance.now());
    // Cytoscape draws on its next animation frame; two frames later that drawing has been presented.
    nativeRaf(() => nativeRaf(() => window.__paintedAt.push(performance.now())));
  }
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-ready"], attributeOldValue: true });

const params = new URLSearchParams(location.search);
// ?cold=1 forgets layouts remembered by earlier runs, so the run pays for the layout.
if (params.get("cold") === "1") {
  for (const key of Object.keys(localStorage)) if (key.startsWith("edgewise-map-layout:")) localStorage.removeItem(key);
}
document.documentElement.dataset.theme = params.get("theme") === "dark" ? "dark" : "light";
const graph = generateGraph(Number(params.get("services") ?? 300), Number(params.get("edges") ?? 1000), Number(params.get("seed") ?? 42));
const app = (
  <DependencyMap nodes={graph.nodes} edges={graph.edges} teams={graph.teams} journeys={graph.journeys} initialTeam={params.get("initialTeam")} />
);
window.__mountAt = performance.now();
createRoot(document.getElementById("root")!).render(params.get("strict") === "1" ? <StrictMode>{app}</StrictMode> : app);
