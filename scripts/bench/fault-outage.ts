// `npm run bench -- fault-outage`: PostgreSQL is stopped for 10 s while OTLP batches arrive and a
// signed-in user loads pages. Ingestion must answer 503 with Retry-After (never a 500, never a hang
// past a bound), /api/health 503, pages the designed "database unavailable" state; when the database
// is back the same server process recovers by itself, and nothing acknowledged is lost or doubled.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { readState } from "../../lib/db/embedded-postgres";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { startBenchServer } from "./server";
import { faultRun, verdict } from "./support/fault";
import { signIn } from "./support/estate";
import { ingestedInDb, makeBatches, sendAll, tally, type Attempt } from "./support/otlp";
import { postmaster, restartPostmaster, stopPostmaster } from "./support/postgres";

const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 10_000);
const HANG_BOUND_MS = 6000; // the pool's connection timeout (5 s) plus slack
const CONCURRENCY = 4;

interface Probe {
  atMs: number;
  what: "health" | "page";
  status: number;
  ms: number;
  degraded: boolean;
}

async function probe(url: string, what: Probe["what"], cookie: string): Promise<Probe> {
  const atMs = performance.now();
  try {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    return { atMs, what, status: res.status, ms: performance.now() - atMs, degraded: text.includes("__next_error__") };
  } catch {
    return { atMs, what, status: 0, ms: performance.now() - atMs, degraded: false };
  }
}

const DEGRADED = "Database unavailable — retrying";

/** A signed-in browser tab on the overview: what a user sees while the database is down, and after. */
async function browserTab(base: string, cookie: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" });
  const context = await browser.newContext();
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto(base);
  return {
    /** Reloads during the outage and waits for the designed state; resolves with what the page says. */
    degraded: async (screenshot: string) => {
      await page.reload().catch(() => undefined);
      const shown = await page.getByText(DEGRADED).waitFor({ timeout: 15_000 }).then(() => true, () => false);
      await page.screenshot({ path: screenshot });
      return shown;
    },
    /** Waits, without reloading, for the page to render normally again; ms from the call, or null. */
    recovered: async () => {
      const t0 = performance.now();
      const back = await page.getByText(DEGRADED).waitFor({ state: "detached", timeout: 30_000 }).then(() => true, () => false);
      const normal = back && (await page.locator("main h1").first().waitFor({ timeout: 10_000 }).then(() => true, () => false));
      return normal ? Math.round(performance.now() - t0) : null;
    },
    close: () => browser.close(),
  };
}

export function run() {
  return faultRun("fault-outage", async ({ estate, logFile, cleanup }) => {
    const token = await estate.token(["telemetry:write"]);
    const before = await ingestedInDb(estate.database.url);
    const server = await startBenchServer(estate.database.url, { logFile });
    cleanup(() => server.stop());
    const cookie = await signIn(server.base, "member@edgewise.local", DEMO_PASSWORD);
    const pagesBefore = await probe(`${server.base}/`, "page", cookie);
    const tab = await browserTab(server.base, cookie);
    fs.mkdirSync("bench-results", { recursive: true });

    const batches = makeBatches(4000, 50, 150, "outage");
    const attempts: Attempt[] = [];
    let done = false;
    const sending = sendAll(batches, CONCURRENCY, { token, bases: [server.base], timeoutMs: 30_000, retryDelayMs: 250, stop: () => done }, attempts);

    await new Promise((r) => setTimeout(r, 3000));
    const was = postmaster(readState(estate.dataDir)!.pid);
    const downStartMs = performance.now();
    await stopPostmaster(was.pid);
    const downMs = performance.now();
    const probes: Probe[] = [];
    const browserDegraded = await tab.degraded("bench-results/fault-outage.png");
    while (performance.now() - downMs < OUTAGE_MS) {
      probes.push(await probe(`${server.base}/api/health`, "health", cookie), await probe(`${server.base}/`, "page", cookie));
      await new Promise((r) => setTimeout(r, 500));
    }
    const restartedPid = await restartPostmaster(was, estate.database.url, path.join(estate.dataDir, "postgres.log"));
    cleanup(() => stopPostmaster(restartedPid)); // after the server: cleanups run in the order registered
    const upMs = performance.now();
    const browserRecovery = tab.recovered();
    while (!attempts.some((a) => a.status === 200 && a.startMs >= upMs) && performance.now() - upMs < 60_000) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000));
    done = true;
    const { acked } = await sending;
    const browserRecoveredMs = await browserRecovery;
    await tab.close();
    const healthAfter = await probe(`${server.base}/api/health`, "health", cookie);
    const pageAfter = await probe(`${server.base}/`, "page", cookie);

    const after = await ingestedInDb(estate.database.url);
    const t = tally(batches, attempts, acked);
    const found = after.spans - before.spans;
    const during = attempts.filter((a) => a.startMs >= downMs && a.endMs <= upMs);
    const firstOk = attempts.filter((a) => a.status === 200 && a.startMs >= upMs).map((a) => a.endMs);
    const recoveryMs = firstOk.length ? Math.round(Math.min(...firstOk) - upMs) : null;
    const slowest = Math.round(Math.max(0, ...attempts.filter((a) => a.endMs >= downStartMs && a.startMs <= upMs).map((a) => a.endMs - a.startMs)));
    const healthProbes = probes.filter((p) => p.what === "health");
    const pageProbes = probes.filter((p) => p.what === "page");
    let serverExited = false;
    void server.exited.then(() => (serverExited = true));
    await new Promise((r) => setImmediate(r));

    const violations: string[] = [];
    const statuses = (list: { status: number }[]) => [...new Set(list.map((a) => a.status))].sort();
    if (during.some((a) => a.status !== 503)) violations.push(`ingestion during the outage answered ${statuses(during).join(", ")}, not only 503`);
    if (during.some((a) => a.status === 503 && !a.retryAfter)) violations.push("a 503 came without Retry-After");
    if (attempts.some((a) => a.status === 500)) violations.push("a 500 from ingestion");
    if (slowest > HANG_BOUND_MS) violations.push(`a request around the outage took ${slowest} ms (bound ${HANG_BOUND_MS} ms)`);
    if (healthProbes.some((p) => p.status !== 503)) violations.push(`/api/health during the outage answered ${statuses(healthProbes).join(", ")}`);
    if (pageProbes.some((p) => p.status === 200 || p.status === 0 || p.ms > HANG_BOUND_MS)) violations.push(`a page during the outage answered ${statuses(pageProbes).join(", ")} (slowest ${Math.round(Math.max(...pageProbes.map((p) => p.ms)))} ms)`);
    if (!browserDegraded) violations.push(`the browser did not show "${DEGRADED}" during the outage`);
    if (browserRecoveredMs === null) violations.push("the browser tab did not recover by itself after the outage");
    if (pagesBefore.status !== 200 || pageAfter.status !== 200 || pageAfter.degraded) violations.push(`the overview page answered ${pagesBefore.status} before and ${pageAfter.status} after the outage`);
    if (healthAfter.status !== 200) violations.push(`/api/health after the outage answered ${healthAfter.status}`);
    if (recoveryMs === null) violations.push("ingestion never answered 200 again");
    if (serverExited) violations.push("the server process exited");
    if (t.acked !== t.batches) violations.push(`${t.batches - t.acked} batch(es) never acknowledged`);
    if (found !== t.ackedSpans) violations.push(`spans in the database ${found} ≠ spans of acknowledged batches ${t.ackedSpans}`);

    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      outageMs: Math.round(upMs - downStartMs),
      stopMs: Math.round(downMs - downStartMs),
      batches: t.batches,
      acked: t.acked,
      retriedBatches: t.retriedBatches,
      responses: t.byStatus,
      duringOutage: { requests: during.length, statuses: statuses(during), withRetryAfter: during.filter((a) => a.retryAfter).length, slowestMs: slowest },
      health: { probes: healthProbes.length, statuses: statuses(healthProbes), after: healthAfter.status },
      pages: { probes: pageProbes.length, statuses: statuses(pageProbes), slowestMs: Math.round(Math.max(...pageProbes.map((p) => p.ms))), before: pagesBefore.status, after: pageAfter.status },
      browser: { degradedStateShown: browserDegraded, recoveredWithoutReloadMs: browserRecoveredMs, screenshot: "bench-results/fault-outage.png" },
      recoveryMs,
      spansExpected: t.ackedSpans,
      spansFound: found,
      violations,
    };
    console.log(`PostgreSQL down for ${figures.outageMs} ms (fast shutdown took ${figures.stopMs} ms) under ${CONCURRENCY} ingesting clients`);
    console.log(`Ingestion during the outage: ${during.length} requests, statuses ${statuses(during).join(", ")}, ${figures.duringOutage.withRetryAfter} with Retry-After, slowest ${slowest} ms`);
    console.log(`/api/health: ${statuses(healthProbes).join(", ")} (${healthProbes.length} probes); overview page: ${statuses(pageProbes).join(", ")}, slowest ${figures.pages.slowestMs} ms`);
    console.log(`Browser: "${DEGRADED}" ${browserDegraded ? "shown" : "NOT shown"}; the open tab rendered the page again by itself ${browserRecoveredMs} ms after the database was back`);
    console.log(`Recovery without restart: first 200 ${recoveryMs} ms after the database was back; page ${pageAfter.status}, health ${healthAfter.status}`);
    console.log(`Batches: ${t.batches} sent, ${t.acked} acknowledged, ${t.retriedBatches} retried (${Object.entries(t.byStatus).map(([s, n]) => `${s}: ${n}`).join(", ")})`);
    console.log(`Spans: expected ${t.ackedSpans}, found ${found}`);
    verdict(violations, "503 + Retry-After during the outage, degraded pages, exact counts, recovery without restart");
    return figures;
  });
}
