// `npm run bench -- ingest`: OTLP/HTTP trace ingestion against the production build on a scratch
// database. Sends OTLP batches of 512 spans from this process for a fixed time, as JSON and then as
// protobuf, and prints spans/s accepted, request p50/p99, the server's peak RSS, and the
// JSON.parse-only ceiling.
import os from "node:os";
import { ensureBuild } from "../build-state";
import { peakRssMb, startBenchServer, type BenchServer } from "./server";
import { summarise } from "./stats";
import { scratchEstate } from "./support/estate";
import { otlpBatch } from "./support/otlp";

const BATCH = 512;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

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

    /** Sends distinct bodies from CONCURRENCY clients for SECONDS: spans/s accepted and request latency. */
    const drive = async (contentType: string, bodyFor: (n: number) => string | Uint8Array<ArrayBuffer>) => {
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
            const res = await fetch(`${base}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": contentType }, body });
            await res.arrayBuffer();
            samples.push(performance.now() - t0);
            if (res.status !== 200) errors += 1;
          }
        }),
      );
      const wallMs = performance.now() - started;
      const requests = summarise(samples, wallMs);
      return { spansPerSec: Math.round(((requests.count - errors) * BATCH) / (wallMs / 1000)), errors, requestP50Ms: requests.p50Ms, requestP99Ms: requests.p99Ms };
    };
    const json = await drive("application/json", bodyFor);
    const protoTemplate = await protobufBatch(BATCH);
    const protobuf = await drive("application/x-protobuf", (n) => new Uint8Array(Buffer.concat([protoTemplate, distinctResource(n)])));
    const spansPerSec = json.spansPerSec;
    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      batchSpans: BATCH,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      json,
      protobuf,
      parseOnlySpansPerSec: parseSpansPerSec,
      ratioToParseCeiling: Math.round((spansPerSec / parseSpansPerSec) * 100) / 100,
      serverPeakRssMb: peakRssMb(server.pid),
    };
    console.log(`JSON: ${json.spansPerSec} spans/s accepted (${json.errors} errors), request p50 ${json.requestP50Ms} ms, p99 ${json.requestP99Ms} ms`);
    console.log(`protobuf: ${protobuf.spansPerSec} spans/s accepted (${protobuf.errors} errors), request p50 ${protobuf.requestP50Ms} ms, p99 ${protobuf.requestP99Ms} ms`);
    console.log(`JSON.parse-only ceiling: ${parseSpansPerSec} spans/s → ratio ${figures.ratioToParseCeiling}; server peak RSS ${figures.serverPeakRssMb} MB`);
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}

/** The same kind of batch as protobuf, encoded by the OpenTelemetry SDK's own serializer. */
async function protobufBatch(spans: number): Promise<Buffer> {
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
  for (let i = 0; i < spans; i++) {
    const span = tracer.startSpan("authorize", { kind: SpanKind.CLIENT, startTime: startMs + i, attributes: { "peer.service": "payments" } });
    span.end(startMs + i + 1 + ((i * 7919) % 200));
  }
  await provider.forceFlush();
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans())!);
}

/**
 * One more ResourceSpans, holding only a `bench.batch` attribute: appended to a serialized request it
 * makes the body distinct (protobuf merges repeated fields by concatenation) at no cost to the sender.
 */
function distinctResource(n: number): Uint8Array<ArrayBuffer> {
  const field = (tag: number, payload: Buffer) => Buffer.concat([Buffer.from([tag, payload.length]), payload]);
  const anyValue = field(0x0a, Buffer.from(String(n)));
  const keyValue = Buffer.concat([field(0x0a, Buffer.from("bench.batch")), field(0x12, anyValue)]);
  const resource = field(0x0a, keyValue);
  return new Uint8Array(field(0x0a, field(0x0a, resource)));
}
