// `npm run bench -- ingest`: OTLP/HTTP trace ingestion against the production build on a scratch
// database. Sends OTLP/JSON batches of 512 spans from this process for a fixed time and
// prints spans/s accepted, request p50/p99, the server's peak RSS, and the JSON.parse-only ceiling.
import os from "node:os";
import { ensureBuild } from "../build-state";
import { peakRssMb, startBenchServer, type BenchServer } from "./server";
import { summarise } from "./stats";
import { scratchEstate } from "./support/estate";
import { otlpBatch } from "./support/otlp";

const BATCH = 512;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = 4;

/** A batch of client spans checkout → payments (a declared integration) with distinct ids and times. */
const batch = (n: number) => otlpBatch(BATCH, 1_700_000_000_000_000_000n + BigInt(n) * 1_000_000_000n);

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-ingest");
  let server: BenchServer | undefined;
  try {
    const token = await estate.token(["telemetry:write"]);
    server = await startBenchServer(estate.database.url);
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
    await estate.close();
  }
}
