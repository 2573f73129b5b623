// `npm run bench -- remote-write`: Prometheus remote-write ingestion against the production build on a
// scratch database. Clients send snappy WriteRequests, each 100 Tempo-shaped span-latency histograms
// (Tempo's 14 buckets + _sum + _count: 17 samples each) one scrape later than the last, so every body
// folds deltas; prints samples/s folded, request p50/p99 and the server's peak RSS.
import os from "node:os";
import { ensureBuild } from "../build-state";
import { classicHistogram, encodeWriteRequest } from "../test/remote-write-body";
import { TEMPO_BUCKETS_S } from "../test/spanmetrics-target";
import { peakRssMb, startBenchServer, type BenchServer } from "./server";
import { summarise } from "./stats";
import { scratchEstate } from "./support/estate";

const SERIES = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SAMPLES_PER_BODY = SERIES * (TEMPO_BUCKETS_S.length + 3);

/** Client `c`'s scrape `n`: its own series (no two clients share one), n + 1 calls each so far. */
function body(c: number, n: number): Uint8Array {
  const atMs = Date.now() - 3_600_000 + n * 1000;
  const series = Array.from({ length: SERIES }, (_, i) =>
    classicHistogram("traces_spanmetrics_latency", { job: "bench", instance: `c${c}`, service: "checkout", span_name: `op-${i}`, span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET", peer_service: "payments" }, TEMPO_BUCKETS_S, Array.from({ length: n + 1 }, (_, k) => 0.001 * (1 + ((k * 7 + i) % 500))), atMs),
  ).flat();
  return encodeWriteRequest(series);
}

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-remote-write");
  let server: BenchServer | undefined;
  try {
    const token = await estate.token(["telemetry:write"]);
    server = await startBenchServer(estate.database.url);
    const base = server.base;
    const samples: number[] = [];
    let ok = 0;
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, c) => {
        for (let n = 0; performance.now() - started < SECONDS * 1000; n++) {
          const payload = new Uint8Array(body(c, n));
          const t0 = performance.now();
          const res = await fetch(`${base}/api/v1/write`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" }, body: payload });
          await res.arrayBuffer();
          samples.push(performance.now() - t0);
          if (res.status === 204) ok += 1;
          else errors += 1;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const requests = summarise(samples, wallMs);
    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      seriesPerBody: SERIES,
      samplesPerBody: SAMPLES_PER_BODY,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      samplesPerSec: Math.round((ok * SAMPLES_PER_BODY) / (wallMs / 1000)),
      errors,
      requestP50Ms: requests.p50Ms,
      requestP99Ms: requests.p99Ms,
      serverPeakRssMb: peakRssMb(server.pid),
    };
    console.log(`remote write: ${figures.samplesPerSec} samples/s folded (${ok} bodies, ${errors} errors), request p50 ${requests.p50Ms} ms, p99 ${requests.p99Ms} ms; server peak RSS ${figures.serverPeakRssMb} MB`);
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}
