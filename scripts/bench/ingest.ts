// `npm run bench -- ingest`: OTLP/HTTP trace ingestion against the production build on a scratch
// database. Sends OTLP/JSON batches of 512 spans from this process for a fixed time and
// prints spans/s accepted, request p50/p99, the server's peak RSS, and the JSON.parse-only ceiling.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { scratchDataDir, startEmbedded } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { ensureBuild } from "../build-state";
import { startBenchServer, type BenchServer } from "./server";
import { summarise } from "./stats";

const BATCH = 512;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = 4;

/** A batch of client spans checkout → payments (a declared integration) with distinct ids and times. */
function batch(n: number): string {
  const base = 1_700_000_000_000_000_000n + BigInt(n) * 1_000_000_000n;
  const spans = Array.from({ length: BATCH }, (_, i) => ({
    traceId: randomBytes(16).toString("hex"),
    spanId: randomBytes(8).toString("hex"),
    name: "authorize",
    kind: 3,
    startTimeUnixNano: String(base + BigInt(i) * 1000n),
    endTimeUnixNano: String(base + BigInt(i) * 1000n + BigInt(1_000_000 + ((i * 7919) % 200) * 1_000_000)),
    attributes: [{ key: "peer.service", value: { stringValue: "payments" } }],
    status: { code: i % 100 === 0 ? 2 : 0 },
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] }, scopeSpans: [{ spans }] }] });
}

function peakRssMb(pid: number): number {
  // The server is the launcher's child (next start): take the largest high-water mark of the tree.
  const children = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
  let peak = 0;
  for (const p of [pid, ...children, ...children.flatMap((c) => spawnSync("pgrep", ["-P", String(c)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number))]) {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      /* exited */
    }
  }
  return Math.round(peak);
}

export async function run() {
  ensureBuild();
  const dataDir = scratchDataDir("edgewise-bench-ingest-");
  const database = await startEmbedded({ dataDir });
  let server: BenchServer | undefined;
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    const { db, disconnectDb } = await import("../../lib/db/client");
    const { seedDemo } = await import("../../prisma/seed");
    await seedDemo(db());
    const { createToken } = await import("../../lib/auth/api-tokens");
    const { systemActor } = await import("../../lib/auth/actor");
    const { token } = await createToken(systemActor("bench"), { name: "bench", scopes: ["telemetry:write"], userEmail: "member@edgewise.local" });
    await disconnectDb();

    server = await startBenchServer(database.url);
    const base = server.base;

    // Bodies must differ (an identical body is a retry and is not counted) but cost the sender
    // almost nothing to make: a template with a batch number in a resource attribute.
    const template = batch(0).replace('"resource":{"attributes":[', '"resource":{"attributes":[{"key":"bench.batch","value":{"stringValue":"__N__"}},');
    const bodyFor = (n: number) => template.replace("__N__", String(n));
    const bodies = Array.from({ length: 200 }, (_, i) => batch(i));
    // The ceiling: how fast this machine merely parses the same payloads.
    const parseStart = performance.now();
    let parsed = 0;
    while (performance.now() - parseStart < 3000) for (const b of bodies.slice(0, 20)) (JSON.parse(b), (parsed += BATCH));
    const parseSpansPerSec = Math.round(parsed / ((performance.now() - parseStart) / 1000));

    let n = 0;
    const samples: number[] = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() - started < SECONDS * 1000) {
          const body = bodyFor(n);
          n += 1;
          const t0 = performance.now();
          const res = await fetch(`${base}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
          await res.arrayBuffer();
          samples.push(performance.now() - t0);
          if (res.status !== 200) errors += 1;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const requests = summarise(samples, wallMs);
    const spansPerSec = Math.round(((requests.count - errors) * BATCH) / (wallMs / 1000));
    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      batchSpans: BATCH,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      json: { spansPerSec, errors, requestP50Ms: requests.p50Ms, requestP99Ms: requests.p99Ms },
      parseOnlySpansPerSec: parseSpansPerSec,
      ratioToParseCeiling: Math.round((spansPerSec / parseSpansPerSec) * 100) / 100,
      serverPeakRssMb: peakRssMb(server.pid),
    };
    console.log(`JSON: ${spansPerSec} spans/s accepted (${errors} errors), request p50 ${requests.p50Ms} ms, p99 ${requests.p99Ms} ms`);
    console.log(`JSON.parse-only ceiling: ${parseSpansPerSec} spans/s → ratio ${figures.ratioToParseCeiling}; server peak RSS ${figures.serverPeakRssMb} MB`);
    return figures;
  } finally {
    await server?.stop();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
