// `npm run bench -- soak`: memory under mixed and hostile traffic (issue 21, defect 8). Drives the
// production server on a scratch database with the demo estate for BENCH_MINUTES (default 2):
// OTLP traces and metrics (valid, with 3–9 KB names, dated 2500, counts past 2^53, random new edges),
// catalog and latency reads, catalog YAML imports (valid dry runs and alias bombs). Samples the
// server's RSS every BENCH_SAMPLE_SECONDS (default 5) and prints it over time, with the growth after
// warm-up (the first fifth of the run) and every status seen; a 5xx is a violation. The server's own
// heap (used/total, from a preload: support/heap-log.cjs) is printed beside RSS; with
// BENCH_HEAP_SNAPSHOTS=1 a heap snapshot is taken after warm-up and after the idle wait, and what grew
// between them is printed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../build-state";
import { startBenchServer, type BenchServer } from "./server";
import { heapGrowth, heapTotals } from "./support/heap-diff";
import { scratchEstate } from "./support/estate";
import { otlpBatch, recentNs } from "./support/otlp";

const MINUTES = Number(process.env.BENCH_MINUTES ?? 2);
const SAMPLE_S = Number(process.env.BENCH_SAMPLE_SECONDS ?? 5);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS === "1";

/** The heap log the preload writes for `next start` (the process whose argv names next), its last line. */
function serverHeap(logBase: string): { pid: number; heapUsedMb: number; heapTotalMb: number } | null {
  const dir = path.dirname(logBase);
  for (const f of fs.readdirSync(dir)) {
    const m = new RegExp(`^${path.basename(logBase)}\\.(\\d+)$`).exec(f);
    if (!m) continue;
    const lines = fs.readFileSync(path.join(dir, f), "utf8").trim().split("\n");
    const last = JSON.parse(lines.at(-1)!) as { argv: string; heapUsed: number; heapTotal: number };
    if (last.argv.includes("next")) return { pid: Number(m[1]), heapUsedMb: Math.round(last.heapUsed / 1048576), heapTotalMb: Math.round(last.heapTotal / 1048576) };
  }
  return null;
}

/** SIGUSR2 to the server: the preload writes a heap snapshot; resolves with its path once written. */
async function snapshot(logBase: string, pid: number, n: number): Promise<string> {
  const file = `${logBase}.${pid}.${n}.heapsnapshot`;
  process.kill(pid, "SIGUSR2");
  while (!fs.existsSync(`${file}.done`)) await new Promise((r) => setTimeout(r, 500));
  return file;
}

/** Resident memory of a process tree (the launcher and `next start`), in MB. */
function rssMb(pid: number): number {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, "utf8").trim();
      if (children) tree.push(...children.split(/\s+/).map(Number));
    } catch {
      /* exited */
    }
  }
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return Math.round(kb / 1024);
}

const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });
let seq = 0;
const hex = (n: number, len: number) => n.toString(16).padStart(len, "0").slice(-len);

/** A hostile trace body: one valid span, then a long name, a span dated 2500, a ten-year span and a random new edge. */
function hostileTraces(): string {
  const now = recentNs(1);
  const span = (peer: string, start: bigint, durationNs: bigint) => ({
    traceId: hex(++seq, 32), spanId: hex(seq, 16), name: "call", kind: 3,
    startTimeUnixNano: String(start), endTimeUnixNano: String(start + durationNs), attributes: [str("peer.service", peer)],
  });
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [str("service.name", "checkout")] },
        scopeSpans: [{ spans: [span("payments", now, 3_000_000n), span("p".repeat(3000 + (seq % 6000)), now, 1n), span("payments", BigInt(Date.UTC(2500, 0, 1)) * 1_000_000n, 1n), span("payments", now - 3_600_000_000_000n, 10n * 365n * 86_400_000_000_000n), span(`rnd-${seq}`, now, 1n)] }],
      },
    ],
  });
}

/** Servicegraph histograms whose counts sum past 2^53 (a 400), or a valid one. */
function metricsBody(huge: boolean): string {
  const time = recentNs(1);
  const count = huge ? 2n ** 52n : 5n;
  const point = { attributes: [str("client", "checkout"), str("server", "payments")], startTimeUnixNano: String(time - 10_000_000_000n), timeUnixNano: String(time), count: String(count), explicitBounds: [0.1], bucketCounts: [String(count), "0"] };
  return JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "traces_service_graph_request_client", unit: "s", histogram: { aggregationTemporality: 1, dataPoints: huge ? [point, point, point] : [point] } }] }] }] });
}

const aliasBomb = ["a: &a [x,x,x,x,x,x,x,x,x,x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`)].join("\n");

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-soak");
  let server: BenchServer | undefined;
  const statuses: Record<string, number> = {};
  const violations: string[] = [];
  try {
    const ingest = { authorization: `Bearer ${await estate.token(["telemetry:write"])}`, "content-type": "application/json" };
    const reader = { authorization: `Bearer ${await estate.token(["catalog:read"])}` };
    const writer = { authorization: `Bearer ${await estate.token(["catalog:read", "catalog:write"])}` };
    const key = encodeURIComponent((await estate.batchTarget()).key);
    const heapDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-soak-"));
    const logBase = path.join(heapDir, "heap");
    process.env.EDGEWISE_HEAP_LOG = logBase;
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --expose-gc --require ${path.resolve("scripts/bench/support/heap-log.cjs")}`.trim();
    server = await startBenchServer(estate.database.url);
    const base = server.base;
    const exported = await (await fetch(`${base}/api/catalog/export`, { headers: reader })).text();

    const requests: [string, () => Promise<Response>][] = [
      ["POST /v1/traces valid", () => fetch(`${base}/v1/traces`, { method: "POST", headers: ingest, body: otlpBatch(200, recentNs(1), `soak-${++seq}`) })],
      ["POST /v1/traces hostile", () => fetch(`${base}/v1/traces`, { method: "POST", headers: ingest, body: hostileTraces() })],
      ["POST /v1/metrics valid", () => fetch(`${base}/v1/metrics`, { method: "POST", headers: ingest, body: metricsBody(false) })],
      ["POST /v1/metrics counts past 2^53", () => fetch(`${base}/v1/metrics`, { method: "POST", headers: ingest, body: metricsBody(true) })],
      ["GET /api/integrations", () => fetch(`${base}/api/integrations`, { headers: reader })],
      ["GET /api/integrations/{key}/latency", () => fetch(`${base}/api/integrations/${key}/latency`, { headers: reader })],
      ["POST /api/catalog/import?dryRun (export)", () => fetch(`${base}/api/catalog/import`, { method: "POST", headers: { ...writer, "content-type": "application/json" }, body: JSON.stringify({ files: [{ name: "export.yaml", content: exported }], dryRun: true }) })],
      ["POST /api/catalog/import (alias bomb)", () => fetch(`${base}/api/catalog/import`, { method: "POST", headers: { ...writer, "content-type": "application/yaml" }, body: aliasBomb })],
    ];

    const samples: { atS: number; rssMb: number; heapUsedMb: number | null; heapTotalMb: number | null; requests: number }[] = [];
    const sample = () => {
      const heap = serverHeap(logBase);
      samples.push({ atS: Math.round((Date.now() - started) / 1000), rssMb: rssMb(server!.pid), heapUsedMb: heap?.heapUsedMb ?? null, heapTotalMb: heap?.heapTotalMb ?? null, requests: done });
    };
    const snapshots: string[] = [];
    let warmSnapshot: Promise<void> | null = null;
    const started = Date.now();
    const endAt = started + MINUTES * 60_000;
    let done = 0;
    const worker = async (w: number) => {
      for (let i = w; Date.now() < endAt; i++) {
        const [name, send] = requests[i % requests.length]!;
        const res = await send().catch(() => null);
        const status = res ? String(res.status) : "network error";
        if (res) await res.arrayBuffer();
        statuses[`${name}: ${status}`] = (statuses[`${name}: ${status}`] ?? 0) + 1;
        if (!res || res.status >= 500) violations.push(`${name} answered ${status}`);
        done++;
      }
    };
    const sampler = setInterval(() => {
      sample();
      const pid = serverHeap(logBase)?.pid;
      if (SNAPSHOTS && pid && !warmSnapshot && Date.now() - started >= (MINUTES * 60_000) / 5) warmSnapshot = snapshot(logBase, pid, 1).then((f) => void snapshots.push(f));
    }, SAMPLE_S * 1000);
    sample();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    clearInterval(sampler);
    sample();
    // Idle: does memory come back once the traffic stops?
    await new Promise((r) => setTimeout(r, 20_000));
    const idleRssMb = rssMb(server.pid);
    const idleHeap = serverHeap(logBase);
    let growth: ReturnType<typeof heapGrowth> = [];
    if (SNAPSHOTS && idleHeap && warmSnapshot) {
      await warmSnapshot;
      snapshots.push(await snapshot(logBase, idleHeap.pid, 2));
      growth = heapGrowth(heapTotals(snapshots[0]!), heapTotals(snapshots[1]!));
    }

    const cell = (v: number | null, w: number) => String(v ?? "–").padStart(w);
    console.log("\n t (s)  RSS (MB)  heap used/total (MB)  requests");
    for (const s of samples) console.log(`${cell(s.atS, 6)}  ${cell(s.rssMb, 8)}  ${cell(s.heapUsedMb, 9)} / ${cell(s.heapTotalMb, 8)}  ${cell(s.requests, 8)}`);
    const warm = samples.find((s) => s.atS >= (MINUTES * 60) / 5) ?? samples[0]!;
    const last = samples.at(-1)!;
    const figures = {
      minutes: MINUTES,
      workers: WORKERS,
      requests: done,
      rssStartMb: samples[0]!.rssMb,
      rssAfterWarmupMb: warm.rssMb,
      rssEndMb: last.rssMb,
      rssMaxMb: Math.max(...samples.map((s) => s.rssMb)),
      growthAfterWarmupMb: last.rssMb - warm.rssMb,
      idleRssMbAfter20s: idleRssMb,
      idleHeapUsedMbAfter20s: idleHeap?.heapUsedMb ?? null,
      heapGrowthBetweenSnapshots: growth,
      samples,
      statuses,
      violations: [...new Set(violations)],
    };
    console.log(`\n${done} requests in ${MINUTES} min; RSS ${figures.rssStartMb} → ${figures.rssAfterWarmupMb} MB after warm-up → ${figures.rssEndMb} MB at the end (max ${figures.rssMaxMb}), ${idleRssMb} MB after 20 s idle`);
    console.log(`heap used after 20 s idle: ${idleHeap?.heapUsedMb ?? "–"} MB`);
    console.log(Object.entries(statuses).map(([k, v]) => `  ${k}  ×${v}`).join("\n"));
    if (growth.length) {
      console.log("\nHeap growth from after warm-up to after idle (self size, by constructor):");
      for (const g of growth) console.log(`  ${((g.bytesAfter - g.bytesBefore) / 1024).toFixed(0).padStart(8)} KB  ${String(g.countAfter - g.countBefore).padStart(8)} objects  ${g.what}`);
    }
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}
