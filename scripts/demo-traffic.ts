// `npm run demo:traffic`: sends OTLP traces for the seeded demo estate to a running Edgewise through the
// official OpenTelemetry JS SDK and its protobuf exporter, until stopped (or after --minutes, 60 by
// default, so a forgotten run ends by itself). Minutes 5–10 of every 20 are an incident on
// checkout->inventory:reserve-stock: half its attempts fail (503), and checkout retries each up to
// the declared 3 attempts under the same parent span — a retry storm the Latency tab and the
// findings (no-retry-storm) show while it lasts.
// Options: --url http://localhost:3000  --token ew_…  --minutes 60  --rate 20 (spans per integration per second)
// Without --token it creates one (telemetry:write, owned by admin@edgewise.local) in the local data directory.
import { parseArgs } from "node:util";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { DEMO_INTEGRATIONS } from "../prisma/seed-integrations";
import { STORIES } from "../prisma/seed-telemetry";

const { values } = parseArgs({
  options: { url: { type: "string" }, token: { type: "string" }, minutes: { type: "string" }, rate: { type: "string" } },
});
const url = (values.url ?? process.env.EDGEWISE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const minutes = Number(values.minutes ?? 60);
const rate = Number(values.rate ?? 20);

async function localToken(): Promise<string> {
  const { openDatabase } = await import("../lib/db/open");
  const { parseEnv } = await import("../lib/env");
  const database = await openDatabase(parseEnv(process.env), "shared");
  try {
    process.env.DATABASE_URL = database.url;
    const { createToken } = await import("../lib/auth/api-tokens");
    const { systemActor } = await import("../lib/auth/actor");
    const { disconnectDb } = await import("../lib/db/client");
    const { token } = await createToken(systemActor("demo-traffic"), { name: `demo-traffic-${Date.now()}`, scopes: ["telemetry:write"], userEmail: "admin@edgewise.local" });
    await disconnectDb();
    return token;
  } finally {
    await database.close();
  }
}

/** A log-normal duration around `medianMs` (σ = 0.5): most calls near the median, a long right tail. */
function duration(medianMs: number): number {
  const u = 1 - Math.random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
  return medianMs * Math.exp(0.5 * z);
}

async function main() {
  const token = values.token ?? process.env.EDGEWISE_TOKEN ?? (await localToken());
  const providers = new Map<string, TracerProvider>();
  const tracerFor = (service: string) => {
    let provider = providers.get(service);
    if (!provider) {
      const exporter = new OTLPTraceExporter({ url: `${url}/v1/traces`, headers: { Authorization: `Bearer ${token}` } });
      provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": service }), spanProcessors: [new BatchSpanProcessor({ exporter, maxExportBatchSize: 512, scheduledDelayMillis: 1000 })] });
      providers.set(service, provider);
    }
    return provider.getTracer("edgewise-demo-traffic");
  };
  const live = DEMO_INTEGRATIONS.filter((i) => i.lifecycle !== "retired" && i.lifecycle !== "proposed");
  // One undeclared edge, so the catalog has something observed-but-not-declared to show.
  const edges = [...live.map((i) => ({ source: i.sourceService, target: i.targetService, op: i.operation, async: i.style !== "sync" && i.style !== "hybrid", medianMs: i.budget.p99Ms / 4 })), { source: "checkout", target: "tax-engine", op: "calculate", async: false, medianMs: 30 }];

  let sent = 0;
  const startedAt = Date.now();
  const storming = (now: number) => {
    const minute = Math.floor((now - startedAt) / 60_000) % 20;
    return minute >= 5 && minute < 10;
  };
  const stopAt = Date.now() + minutes * 60_000;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([...providers.values()].map((p) => p.shutdown()));
    console.log(`Stopped after ${sent} spans.`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  console.log(`Sending about ${rate} spans/s for each of ${edges.length} edges to ${url}/v1/traces for ${minutes} min (Ctrl-C stops).`);

  const timer = setInterval(() => {
    if (Date.now() > stopAt) {
      clearInterval(timer);
      void stop();
      return;
    }
    const now = Date.now();
    for (const e of edges) {
      const tracer = tracerFor(e.source);
      for (let i = 0; i < rate; i++) {
        const ms = duration(e.medianMs);
        if (e.async) {
          // A delivery: the producer publishes, the consumer (a child of the producer span) starts
          // `ms` later — the lag an async budget is held to. Both ends lie in the past second.
          const start = now - ms - Math.random() * 1000;
          const producer = tracer.startSpan(`${e.op} publish`, { kind: SpanKind.PRODUCER, startTime: start, attributes: { "messaging.system": "kafka", "messaging.destination.name": e.op } });
          producer.end(start + 2);
          const consumer = tracerFor(e.target).startSpan(`${e.op} process`, { kind: SpanKind.CONSUMER, startTime: start + ms }, trace.setSpan(context.active(), producer));
          if (Math.random() < 0.005) consumer.setStatus({ code: SpanStatusCode.ERROR });
          consumer.end(start + ms + 5);
          sent += 2;
          continue;
        }
        const start = now - 1000 + Math.random() * 1000;
        if (`${e.source}->${e.target}:${e.op}` === STORIES.incident) {
          sent += reserveStock(tracer, e, start, ms, storming(now));
          continue;
        }
        const span = tracer.startSpan(e.op, { kind: SpanKind.CLIENT, startTime: start, attributes: { "peer.service": e.target } });
        if (Math.random() < 0.005) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end(start + ms);
        sent += 1;
      }
    }
  }, 1000);
  setInterval(() => console.log(`${sent} spans sent`), 10_000).unref();
}

type Tracer = ReturnType<typeof trace.getTracer>;

/**
 * One logical reserve-stock call: a parent span in checkout and an attempt per try beneath it, as an
 * HTTP client instrumentation records them (http.request.resend_count from the second on). In the
 * storm half the attempts fail with 503 and are retried after the declared fixed 100 ms, up to 3.
 * Returns the spans sent.
 */
function reserveStock(tracer: Tracer, e: { target: string; op: string }, start: number, ms: number, storm: boolean): number {
  const parent = tracer.startSpan("reserve order", { kind: SpanKind.INTERNAL, startTime: start });
  const inParent = trace.setSpan(context.active(), parent);
  let at = start;
  let attempts = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const failed = storm ? Math.random() < 0.5 : Math.random() < 0.005;
    const status = failed ? 503 : 200;
    const span = tracer.startSpan(e.op, { kind: SpanKind.CLIENT, startTime: at, attributes: { "peer.service": e.target, "http.response.status_code": status, ...(attempt > 0 ? { "http.request.resend_count": attempt } : {}) } }, inParent);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(at + ms);
    attempts += 1;
    at += ms + 100;
    if (!failed) break;
  }
  parent.end(at);
  return attempts + 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
