// Dependency map in real Chromium: layout + first render at 50/150, 300/1000 and 600/2000 services/edges,
// the main-thread cost of pan and zoom frames, filter switches, and the layout engines compared.
// The component runs in a small esbuild harness (scripts/bench/map-harness/) served on loopback with
// the app's CSP, so no app page or database is needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { buildHarness, serveHarness } from "./map-harness/serve";

const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
const SIZES: [services: number, edges: number, runs: number][] = [
  [50, 150, 5],
  [300, 1000, 5],
  [600, 2000, 2],
];
const MAP = '[data-testid="dependency-map"]';

const round = (v: number) => Math.round(v * 10) / 10;
function spread(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { runs: sorted.length, medianMs: at(0.5), minMs: round(sorted[0] ?? 0), maxMs: round(sorted.at(-1) ?? 0) };
}

async function openMap(page: Page, baseUrl: string, query: string) {
  await page.goto(`${baseUrl}/?${query}`);
  await page.waitForFunction(() => window.__paintedAt.length > 0, null, { timeout: 180_000 });
  return page.evaluate((selector) => {
    const measure = (name: string) => performance.getEntriesByName(name, "measure").at(-1)?.duration ?? null;
    const el = document.querySelector<HTMLElement>(selector)!;
    return {
      mountToReadyMs: window.__readyAt[0]! - window.__mountAt,
      mountToPaintedMs: window.__paintedAt[0]! - window.__mountAt,
      importMs: measure("edgewise-map:import"),
      layoutMs: measure("edgewise-map:layout"),
      nodeCount: Number(el.dataset.nodeCount),
      edgeCount: Number(el.dataset.edgeCount),
    };
  }, MAP);
}

/** Milliseconds from a user action until the map reports ready again. */
async function timeUntilReady(page: Page, action: () => Promise<void>) {
  const before = await page.evaluate(() => ({ t0: performance.now(), n: window.__readyAt.length }));
  await action();
  await page.waitForFunction((n) => window.__readyAt.length > n, before.n, { timeout: 60_000 });
  return round(await page.evaluate((t0) => window.__readyAt.at(-1)! - t0, before.t0));
}

/** Main-thread work per animation frame (ms) while `gesture` runs; frames with no drawing are skipped. */
async function frameCost(page: Page, gesture: () => Promise<void>) {
  await page.evaluate(() => {
    window.__frames.work.clear();
    window.__frames.recording = true;
  });
  await gesture();
  await page.waitForTimeout(250);
  const frames = await page.evaluate(() => {
    window.__frames.recording = false;
    return [...window.__frames.work.entries()];
  });
  const drawn = frames.filter(([, ms]) => ms > 0.3);
  const work = drawn.map(([, ms]) => ms).sort((a, b) => a - b);
  const times = drawn.map(([t]) => t).sort((a, b) => a - b);
  const intervals = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const pct = (sorted: number[], q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return {
    framesDrawn: drawn.length,
    frameWorkMedianMs: pct(work, 0.5),
    frameWorkP95Ms: pct(work, 0.95),
    frameWorkMaxMs: pct(work, 1),
    frameIntervalMedianMs: pct(intervals, 0.5),
    framesOver16Ms: work.filter((ms) => ms > 16.7).length,
  };
}

/**
 * Synchronous cost of drawing one pan or zoom frame: moves the viewport, then asks the canvas
 * renderer to draw at once (the same call its animation-frame loop makes). Less noisy than gestures.
 */
async function drawCost(page: Page) {
  const samples = await page.evaluate((selector) => {
    type Renderer = { render(): void };
    const { cy } = (document.querySelector(selector) as unknown as { _cyreg: { cy: any } })._cyreg; // any: cytoscape's renderer is not in its public types
    const renderer = cy.renderer() as Renderer;
    const pan: number[] = [];
    const zoom: number[] = [];
    for (let i = 0; i < 60; i++) {
      cy.panBy({ x: i < 30 ? 4 : -4, y: 1 });
      const t0 = performance.now();
      renderer.render();
      pan.push(performance.now() - t0);
    }
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    for (let i = 0; i < 60; i++) {
      cy.zoom({ level: cy.zoom() * (i < 30 ? 1.03 : 1 / 1.03), renderedPosition: centre });
      const t0 = performance.now();
      renderer.render();
      zoom.push(performance.now() - t0);
    }
    return { pan, zoom };
  }, MAP);
  return { panFrameDraw: spread(samples.pan), zoomFrameDraw: spread(samples.zoom) };
}

async function canvasBox(page: Page) {
  const box = await page.locator(MAP).boundingBox();
  if (!box) throw new Error("map canvas has no box");
  return box;
}

async function panAndZoom(page: Page) {
  const box = await canvasBox(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const pan = await frameCost(page, async () => {
    await page.mouse.move(cx - 200, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 200, cy + 60, { steps: 80 });
    await page.mouse.up();
  });
  const zoom = await frameCost(page, async () => {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 24; i++) {
      await page.mouse.wheel(0, i < 12 ? -120 : 120);
      await page.waitForTimeout(20);
    }
  });
  return { pan, zoom };
}

type CyHandle = { cy: { nodes(sel?: string): { length: number; [i: number]: { renderedPosition(): { x: number; y: number }; data(k: string): string } }; edges(sel?: string): { length: number; [i: number]: { renderedMidpoint(): { x: number; y: number }; data(k: string): string; style(k: string): string } } } };

/** Functional checks in the browser: clicks navigate, hover shows the key, theme and URL follow. */
async function checks(page: Page) {
  const box = await canvasBox(page);
  const result: Record<string, unknown> = {};
  await page.evaluate(() => (window.__navigations = []));
  // Zoom in on the first visible node so it is big enough to hit.
  const node = await page.evaluate((selector) => {
    const { cy } = (document.querySelector(selector) as unknown as { _cyreg: CyHandle })._cyreg;
    const n = cy.nodes(":visible")[0]!;
    return { ...n.renderedPosition(), slug: n.data("slug") };
  }, MAP);
  await page.mouse.click(box.x + node.x, box.y + node.y);
  result.nodeClick = { expected: `/services/${node.slug}`, got: await page.evaluate(() => window.__navigations?.at(-1) ?? null) };

  const edge = await page.evaluate((selector) => {
    const { cy } = (document.querySelector(selector) as unknown as { _cyreg: CyHandle })._cyreg;
    const visible = cy.edges(":visible");
    const e = visible[Math.floor(visible.length / 2)]!;
    return { ...e.renderedMidpoint(), key: e.data("key") };
  }, MAP);
  await page.mouse.move(box.x + edge.x, box.y + edge.y);
  await page.waitForTimeout(100);
  result.edgeHoverTooltip = (await page.locator('[data-testid="map-tooltip"]').textContent().catch(() => null))?.slice(0, 120) ?? null;
  await page.mouse.click(box.x + edge.x, box.y + edge.y);
  result.edgeClick = { expected: `/catalog/${encodeURIComponent(edge.key)}`, got: await page.evaluate(() => window.__navigations?.at(-1) ?? null) };

  result.themeColours = await page.evaluate(async (selector) => {
    const { cy } = (document.querySelector(selector) as unknown as { _cyreg: CyHandle })._cyreg;
    const ok = () => cy.edges('[status = "ok"]')[0]!.style("line-color");
    const light = ok();
    document.documentElement.dataset.theme = "dark";
    await new Promise((r) => setTimeout(r, 50));
    const dark = ok();
    document.documentElement.dataset.theme = "light";
    await new Promise((r) => setTimeout(r, 50));
    return { okLight: light, okDark: dark };
  }, MAP);
  return result;
}

export async function run() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-map-bench-"));
  const shots = path.resolve("bench-results", "map");
  fs.mkdirSync(shots, { recursive: true });
  const bundle = await buildHarness(outDir);
  const server = await serveHarness(outDir);
  const browser = await chromium.launch(LAUNCH);
  const problems: string[] = [];
  const loadAtStart = os.loadavg()[0]!;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    // tsx compiles with keepNames, so functions sent to page.evaluate may call esbuild's __name helper.
    await context.addInitScript({ content: "window.__name = (fn) => fn;" });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    const newPage = async () => {
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`console ${m.type()}: ${m.text()}`));
      return page;
    };

    // Layout engines on the same graphs, layout only (no drawing).
    const comparePage = await newPage();
    await comparePage.goto(`${server.url}/compare?sizes=50x150,300x1000&runs=3`);
    await comparePage.waitForFunction(() => (window as unknown as { __layoutResults?: unknown }).__layoutResults, null, { timeout: 300_000 });
    const layoutEngines = await comparePage.evaluate(() => (window as unknown as { __layoutResults: unknown }).__layoutResults);
    await comparePage.close();

    const firstRender: Record<string, unknown> = {};
    for (const [services, edges, runs] of SIZES) {
      const samples: Awaited<ReturnType<typeof openMap>>[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await newPage();
        samples.push(await openMap(page, server.url, `services=${services}&edges=${edges}&cold=1`));
        if (i === 0) await page.screenshot({ path: path.join(shots, `map-${services}x${edges}-light.png`) });
        await page.close();
      }
      // A revisit with the same catalog: positions come from localStorage, no layout.
      const warm: Awaited<ReturnType<typeof openMap>>[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await newPage();
        warm.push(await openMap(page, server.url, `services=${services}&edges=${edges}`));
        await page.close();
      }
      firstRender[`${services}x${edges}`] = {
        drawn: `${samples[0]!.nodeCount} services / ${samples[0]!.edgeCount} edges`,
        mountToPainted: spread(samples.map((s) => s.mountToPaintedMs)),
        revisitMountToPainted: spread(warm.map((s) => s.mountToPaintedMs)),
        mountToReady: spread(samples.map((s) => s.mountToReadyMs)),
        layout: spread(samples.map((s) => s.layoutMs ?? 0)),
        importCytoscape: spread(samples.map((s) => s.importMs ?? 0)),
      };
    }

    // Interaction at 300/1000 in one page.
    const page = await newPage();
    await openMap(page, server.url, "services=300&edges=1000&cold=1");
    const interaction = { synthetic: await drawCost(page), gestures: await panAndZoom(page) };
    const teamSlug = "team-3";
    const filters = {
      teamViewFirstMs: await timeUntilReady(page, () => page.selectOption('[data-testid="map-team-filter"]', teamSlug).then(() => undefined)),
      teamView: await page.locator(MAP).evaluate((el: HTMLElement) => ({ nodes: el.dataset.nodeCount, edges: el.dataset.edgeCount, url: location.search })),
      teamViewDraw: await drawCost(page),
      allTeamsCachedMs: await timeUntilReady(page, () => page.selectOption('[data-testid="map-team-filter"]', "").then(() => undefined)),
      journeyMs: await timeUntilReady(page, () => page.selectOption('[data-testid="map-journey-filter"]', "journey-1").then(() => undefined)),
      journeyView: await page.locator(MAP).evaluate((el: HTMLElement) => ({ nodes: el.dataset.nodeCount, edges: el.dataset.edgeCount, url: location.search })),
    };
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shots, "map-300x1000-journey.png") });
    await page.selectOption('[data-testid="map-journey-filter"]', "");
    await page.selectOption('[data-testid="map-team-filter"]', teamSlug);
    await page.waitForSelector(`${MAP}[data-ready="true"]`);
    await page.screenshot({ path: path.join(shots, "map-300x1000-team.png") });
    const functional = await checks(page);
    const cspViolations = await page.evaluate(() => window.__cspViolations);
    await page.close();

    // Dark theme, shared link (?team=), strict-mode double mount, and the empty state.
    const dark = await newPage();
    await openMap(dark, server.url, `services=50&edges=150&theme=dark&team=team-1&strict=1`);
    await dark.screenshot({ path: path.join(shots, "map-50x150-dark-team.png") });
    const sharedLink = await dark.locator(MAP).evaluate((el: HTMLElement) => ({ nodes: el.dataset.nodeCount, edges: el.dataset.edgeCount, team: (document.querySelector('[data-testid="map-team-filter"]') as HTMLSelectElement).value }));
    await dark.close();
    const phone = await newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await openMap(phone, server.url, "services=50&edges=150");
    await phone.screenshot({ path: path.join(shots, "map-50x150-phone.png"), fullPage: true });
    await phone.close();
    const empty = await newPage();
    await empty.goto(`${server.url}/?services=5&edges=0`);
    const emptyState = await empty.locator(MAP).evaluate((el: HTMLElement) => ({ ready: el.dataset.ready, text: el.textContent?.slice(0, 70) }));
    await empty.close();

    const figures = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Chromium ${browser.version()} (software rendering)`,
      // Other work on the machine inflates every figure; read them against this.
      loadAverage1m: { atStart: Math.round(loadAtStart * 100) / 100, atEnd: Math.round(os.loadavg()[0]! * 100) / 100 },
      viewport: "1280x900, device scale 1",
      // Minified, not compressed; "initial" includes React and the harness, "lazy" is Cytoscape + fCoSE + the canvas code.
      bundle,
      layoutEngines,
      firstRender,
      panZoom300x1000: interaction,
      filters300x1000: filters,
      checks: { ...functional, sharedLink, strictModeDarkMount: "ok", emptyState, cspViolations },
      problems,
      screenshots: path.relative(process.cwd(), shots),
    };
    console.log("Layout engines (layout only):", JSON.stringify(layoutEngines, null, 2));
    for (const [size, f] of Object.entries(firstRender)) console.log(`First render ${size}:`, JSON.stringify(f));
    console.log("Pan/zoom 300x1000:", JSON.stringify(interaction));
    console.log("Filters 300x1000:", JSON.stringify(filters));
    console.log("Checks:", JSON.stringify(figures.checks, null, 2));
    if (problems.length) console.log("Problems:", problems);
    return figures;
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
