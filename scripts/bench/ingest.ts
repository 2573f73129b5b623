// `npm run bench -- ingest`: OTLP/HTTP trace ingestion against the production build on a scratch
// database. Sends OTLP batches of 512 spans from this process for a fixed time, as JSON and then as
// protobuf, and prints spans/s accepted, request p50/p99, the server's peak RSS, the JSON.parse-only
// ceiling, and the CPU the server and PostgreSQL spent per million spans (from /proc) beside the CPU
// JSON.parse alone needs for the same payloads: that ratio does not depend on the sender sharing the cores.
import os from "node:os";
import { ensureBuild } from "../build-state";
import { readState } from "../../lib/db/embedded-postgres";
import { cpuSeconds, peakRssMb, startBenchServer, type BenchServer } from "./server";
import { summarise } from "./stats";
import { scratchEstate } from "./support/estate";
import { otlpBatch, recentNs } from "./support/otlp";

const BATCH = 512;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

/** A batch of client spans checkout → payments (a declared integration) with distinct ids, a few minutes ago. */
const batch = (n: number) => otlpBatch(BATCH, recentNs() + BigInt(n) * 1_000_000n);
/**
 * Bodies made before the clock starts, each sent once: every span has ids of its own, as real exporters
 * send them. (A template resent with another resource attribute repeats its span ids, which observed-retry
 * grouping rightly takes for attempts of the same calls; and spans dated 2023 were refused by the time window.)
 */
const POOL = Math.min(SECONDS * 100, 1500);

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-ingest");
  let server: BenchServer | undefined;
  try {
    const token = await estate.token(["telemetry:write"]);
    server = await startBenchServer(estate.database.url);
    const base = server.base;

    const bodies = Array.from({ length: POOL }, (_, i) => batch(i));
    // The ceiling: how fast this machine merely parses the same payloads.
    const parseStart = performance.now();
    const parseCpu = process.cpuUsage();
    let parsed = 0;
    while (performance.now() - parseStart < 3000) for (const b of bodies.slice(0, 20)) (JSON.parse(b), (parsed += BATCH));
    const parseSpansPerSec = Math.round(parsed / ((performance.now() - parseStart) / 1000));
    const parseCpuUsed = process.cpuUsage(parseCpu);
    const parseCpuSecPerMillion = round3((((parseCpuUsed.user + parseCpuUsed.system) / 1e6) * 1e6) / parsed);
    const postmasterPid = readState(estate.dataDir)!.pid;

    /** Sends distinct bodies from CONCURRENCY clients for SECONDS: spans/s accepted and request latency. */
    const drive = async (contentType: string, bodyFor: (n: number) => string | Uint8Array<ArrayBuffer>) => {
      let n = 0;
      const samples: number[] = [];
      let errors = 0;
      const cpuBefore = { server: cpuSeconds(server!.pid), postgres: cpuSeconds(postmasterPid) };
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() - started < SECONDS * 1000 && n < POOL) {
            const body = bodyFor(n);
            n += 1;
            const t0 = performance.now();
            const res = await fetch(`${base}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": contentType }, body });
            await res.arrayBuffer();
            samples.push(performance.now() - t0);
            if (res.status !== 200) errors += 1;
          }
        }),
      );
      const wallMs = performance.now() - started;
      // Let the server finish what the last answers left in flight (the answer follows the commit, so little) before reading its CPU.
      await new Promise((r) => setTimeout(r, 500));
      const cpu = { server: cpuSeconds(server!.pid) - cpuBefore.server, postgres: cpuSeconds(postmasterPid) - cpuBefore.postgres };
      const requests = summarise(samples, wallMs);
      const accepted = (requests.count - errors) * BATCH;
      const perMillion = (sec: number) => round3((sec * 1e6) / Math.max(1, accepted));
      const cpuSecPerMillionSpans = { server: perMillion(cpu.server), postgres: perMillion(cpu.postgres), total: perMillion(cpu.server + cpu.postgres) };
      return {
        spansPerSec: Math.round(accepted / (wallMs / 1000)),
        errors,
        requestP50Ms: requests.p50Ms,
        requestP99Ms: requests.p99Ms,
        cpuSecPerMillionSpans,
        parseCpuRatio: round3(parseCpuSecPerMillion / Math.max(1e-9, cpuSecPerMillionSpans.total)),
      };
    };
    const json = await drive("application/json", (n) => bodies[n]!);
    // The same spans each under a parent span (a handler making the call), one call in 25 retried once:
    // these are grouped into logical calls with the stored ones in SQL, the path real services take.
    const parentedBodies = bodies.map((b, n) => withParents(b, n));
    bodies.length = 0;
    const parented = await drive("application/json", (n) => parentedBodies[n]!);
    parentedBodies.length = 0;
    const protoBodies = await protobufBatches(BATCH, POOL);
    const protobuf = await drive("application/x-protobuf", (n) => protoBodies[n]!);
    const spansPerSec = json.spansPerSec;
    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      batchSpans: BATCH,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      json,
      jsonWithParents: parented,
      protobuf,
      parseOnlySpansPerSec: parseSpansPerSec,
      parseCpuSecPerMillionSpans: parseCpuSecPerMillion,
      ratioToParseCeiling: Math.round((spansPerSec / parseSpansPerSec) * 100) / 100,
      serverPeakRssMb: peakRssMb(server.pid),
    };
    console.log(`JSON: ${json.spansPerSec} spans/s accepted (${json.errors} errors), request p50 ${json.requestP50Ms} ms, p99 ${json.requestP99Ms} ms`);
    console.log(`JSON, spans with parents (retry grouping): ${parented.spansPerSec} spans/s accepted (${parented.errors} errors), request p50 ${parented.requestP50Ms} ms, p99 ${parented.requestP99Ms} ms`);
    console.log(`protobuf: ${protobuf.spansPerSec} spans/s accepted (${protobuf.errors} errors), request p50 ${protobuf.requestP50Ms} ms, p99 ${protobuf.requestP99Ms} ms`);
    console.log(`JSON.parse-only ceiling: ${parseSpansPerSec} spans/s → ratio ${figures.ratioToParseCeiling}; server peak RSS ${figures.serverPeakRssMb} MB`);
    console.log(`CPU per million spans (server + PostgreSQL, from /proc), and JSON.parse's CPU for the same payloads (${parseCpuSecPerMillion} s) as a share of it (goal ≥ 0.15):`);
    for (const [name, r] of [["JSON", json], ["JSON with parents", parented], ["protobuf", protobuf]] as const) {
      console.log(`  ${name}: ${r.cpuSecPerMillionSpans.total} CPU s (server ${r.cpuSecPerMillionSpans.server}, PostgreSQL ${r.cpuSecPerMillionSpans.postgres}) → ratio ${r.parseCpuRatio}`);
    }
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The body's spans given parents: one parent per call, the 25th of each 25 a retry under the previous span's parent. */
function withParents(body: string, n: number): string {
  const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: { traceId: string; parentSpanId?: string }[] }[] }[] };
  const spans = request.resourceSpans[0]!.scopeSpans[0]!.spans;
  spans.forEach((span, i) => {
    const call = i - (i % 25 === 24 ? 1 : 0);
    if (call !== i) span.traceId = spans[call]!.traceId;
    span.parentSpanId = (BigInt(n) * 1_000_000n + BigInt(call) + 1n).toString(16).padStart(16, "0");
  });
  return JSON.stringify(request);
}

/** `count` batches of the same kind as protobuf, encoded by the OpenTelemetry SDK's own serializer, each span with ids of its own. */
async function protobufBatches(spans: number, count: number): Promise<Uint8Array<ArrayBuffer>[]> {
  const [{ SpanKind }, { resourceFromAttributes }, { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider }, { ProtobufTraceSerializer }] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-trace"),
    import("@opentelemetry/otlp-transformer"),
  ]);
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }), spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
  const tracer = provider.getTracer("edgewise-bench");
  const startMs = Date.now() - 5 * 60_000;
  const out: Uint8Array<ArrayBuffer>[] = [];
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < spans; i++) {
      const span = tracer.startSpan("authorize", { kind: SpanKind.CLIENT, startTime: startMs + i, attributes: { "peer.service": "payments" } });
      span.end(startMs + i + 1 + ((i * 7919) % 200));
    }
    await provider.forceFlush();
    out.push(new Uint8Array(ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans())!));
    memory.reset();
  }
  return out;
}
