// `npm run bench:load`: a mixed workload against the production build on a scratch database with the
// demo estate, for a fixed time, driven by autocannon: OTLP ingestion at a steady rate (target 20,000
// spans/s) while signed-in users read the catalog (API and page), an integration's latency and SLO
// APIs and the overview page. Prints throughput, p50/p99 per route, errors and the server's peak RSS.
import os from "node:os";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { ensureBuild } from "../build-state";
import { readState } from "../../lib/db/embedded-postgres";
import { cpuSeconds, peakRssMb, schedNs, startBenchServer, type BenchServer } from "./server";
import { scratchEstate, signIn } from "./support/estate";
import { otlpBatch, recentNs } from "./support/otlp";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const TARGET_SPANS_PER_SEC = Number(process.env.LOAD_SPANS_PER_SEC ?? 20_000);
const BATCH = 500;
const READERS_PER_ROUTE = Number(process.env.LOAD_READERS ?? 2);
const READ_P99_TARGET_MS = 250;

interface RouteResult {
  route: string;
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function cannon(name: string, options: autocannon.Options): Promise<RouteResult> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, timeout: 10, ...options }, (err, result) => {
      if (err) return reject(err);
      resolve({
        route: name,
        requests: result.requests.total,
        perSec: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
      });
    });
  });
}

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-load");
  let server: BenchServer | undefined;
  try {
    const ingestToken = await estate.token(["telemetry:write"]);
    const readToken = await estate.token(["catalog:read"]);
    const key = encodeURIComponent((await estate.batchTarget()).key);

    server = await startBenchServer(estate.database.url);
    const base = server.base;
    const cookie = await signIn(base, "member@edgewise.local", DEMO_PASSWORD);
    const bearer = { authorization: `Bearer ${readToken}` };
    const reads: [string, string, Record<string, string>][] = [
      ["GET /api/integrations (catalog API)", "/api/integrations", bearer],
      ["GET /catalog (page)", "/catalog", { cookie }],
      ["GET /api/integrations/{key}/latency", `/api/integrations/${key}/latency`, bearer],
      ["GET /api/integrations/{key}/slo", `/api/integrations/${key}/slo`, bearer],
      ["GET / (overview page)", "/", { cookie }],
    ];
    // Warm-up: first renders fill caches; they are not what a steady user sees.
    for (const [, path, headers] of reads) for (let i = 0; i < 3; i++) await fetch(`${base}${path}`, { headers }).then((r) => r.arrayBuffer());

    // Every body differs (an identical body is a retry and counts nothing) and costs a string replace.
    const template = otlpBatch(BATCH, recentNs(2)).replace('"resource":{"attributes":[', '"resource":{"attributes":[{"key":"bench.batch","value":{"stringValue":"__N__"}},');
    let n = 0;
    const postmasterPid = readState(estate.dataDir)!.pid;
    const cpuBefore = { server: cpuSeconds(server.pid), postgres: cpuSeconds(postmasterPid), client: process.cpuUsage(), sched: schedNs(server.pid) };
    const loadBefore = os.loadavg()[0]!;
    const ratePerSec = Math.ceil(TARGET_SPANS_PER_SEC / BATCH);
    const results = await Promise.all([
      cannon("POST /v1/traces (OTLP ingestion)", {
        url: base,
        connections: 8,
        overallRate: ratePerSec,
        requests: [
          {
            method: "POST",
            path: "/v1/traces",
            headers: { authorization: `Bearer ${ingestToken}`, "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: template.replace("__N__", String(n++)) }),
          },
        ],
      }),
      ...reads.map(([name, path, headers]) => cannon(name, { url: `${base}${path}`, connections: READERS_PER_ROUTE, headers })),
    ]);
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const sched = schedNs(server.pid);
    const [ranNs, waitedNs] = [sched.runNs - cpuBefore.sched.runNs, sched.waitNs - cpuBefore.sched.waitNs];
    const cpu = {
      // Of the time the server's threads were ready to run, the share spent waiting for a CPU instead.
      serverRunnableButWaitingPct: Math.round((waitedNs / Math.max(1, ranNs + waitedNs)) * 100),
      serverCores: Math.round(((cpuSeconds(server.pid) - cpuBefore.server) / SECONDS) * 100) / 100,
      postgresCores: Math.round(((cpuSeconds(postmasterPid) - cpuBefore.postgres) / SECONDS) * 100) / 100,
      loadGeneratorCores: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / SECONDS) * 100) / 100,
      machineLoadAverage1m: [Math.round(loadBefore * 10) / 10, Math.round(os.loadavg()[0]! * 10) / 10],
    };
    const ingest = results[0]!;
    const readResults = results.slice(1);
    const spansPerSec = Math.round(((ingest.requests - ingest.errors) * BATCH) / SECONDS);
    const errors = results.reduce((s, r) => s + r.errors, 0);
    const worstReadP99 = Math.max(...readResults.map((r) => r.p99Ms));
    const figures = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      seconds: SECONDS,
      ingestion: { targetSpansPerSec: TARGET_SPANS_PER_SEC, spansPerSec, batchSpans: BATCH, requestsPerSec: ingest.perSec, p50Ms: ingest.p50Ms, p99Ms: ingest.p99Ms, errors: ingest.errors },
      readersPerRoute: READERS_PER_ROUTE,
      reads: readResults,
      errors,
      worstReadP99Ms: worstReadP99,
      target: { zeroErrors: errors === 0, readP99Under250Ms: worstReadP99 < READ_P99_TARGET_MS, ingestionAtTarget: spansPerSec >= TARGET_SPANS_PER_SEC * 0.95 },
      serverPeakRssMb: peakRssMb(server.pid),
      cpu,
    };
    console.log(`${SECONDS} s, ${figures.machine}; ingestion target ${TARGET_SPANS_PER_SEC} spans/s, ${READERS_PER_ROUTE} concurrent users per read route`);
    console.log(`${"route".padEnd(40)} ${"req/s".padStart(6)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(6)}`);
    for (const r of results) console.log(`${r.route.padEnd(40)} ${String(r.perSec).padStart(6)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.errors).padStart(6)}`);
    console.log(
      `CPU used: server ${cpu.serverCores} cores, PostgreSQL ${cpu.postgresCores}, load generator ${cpu.loadGeneratorCores}, of ${os.cpus().length}; machine load average ${cpu.machineLoadAverage1m.join(" → ")} (others' work included); the server's threads waited for a CPU ${cpu.serverRunnableButWaitingPct}% of the time they were ready to run`,
    );
    console.log(`Ingested ${spansPerSec} spans/s; errors ${errors}; worst read p99 ${worstReadP99} ms; server peak RSS ${figures.serverPeakRssMb} MB`);
    console.log(
      `Target (0 errors, read p99 < ${READ_P99_TARGET_MS} ms at ${TARGET_SPANS_PER_SEC} spans/s): ${figures.target.zeroErrors && figures.target.readP99Under250Ms && figures.target.ingestionAtTarget ? "met" : "MISSED"}`,
    );
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}
