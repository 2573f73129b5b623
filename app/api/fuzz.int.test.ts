// Property-based fuzzing (fast-check, seeded) of every API input schema and every OTLP decoder,
// through the real route handlers and the real database: whatever arrives, the answer is never a 5xx,
// nothing rejects unhandled, and a rejected request writes nothing (row counts and last-update marks of
// every table unchanged). Prints the cases run per endpoint. FUZZ_RUNS scales the run, FUZZ_SEED picks another.
import { readFileSync } from "node:fs";
import path from "node:path";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { compress, uncompress } from "snappyjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { operations, type Operation } from "@/lib/http/api-operations";
import { OtlpDecodeError } from "@/lib/telemetry/otlp-json";
import { authzMatrix, type Api } from "@/scripts/test/authz-matrix";
import { makeTeam, makeUser } from "@/scripts/test/factories";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
/** Cases of the whole-body hostile shapes per endpoint (FUZZ_HOSTILE_RUNS; a quarter of FUZZ_RUNS by default). */
const HOSTILE_RUNS = Number(process.env.FUZZ_HOSTILE_RUNS ?? Math.max(10, Math.round(RUNS / 4)));
const counts: [string, number][] = [];
/** Each endpoint's property runs as one test: give it room (a case is a request plus two table sweeps). */
const PER_ENDPOINT = 600_000;

// ---- calling the real handlers -----------------------------------------------------------------------

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function handlerFor(op: Operation): Promise<Handler> {
  const file = path.resolve("app", `.${op.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  return mod[op.method]!;
}

/** Splits a concrete path back into the template's parameters. */
function paramsOf(template: string, concrete: string): Record<string, string> {
  const names: string[] = [];
  const re = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`);
  const m = re.exec(concrete.split("?")[0]!);
  if (!m) throw new Error(`${concrete} does not match ${template}`);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

interface Sent {
  path: string;
  body?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

async function send(op: Operation, token: string, s: Sent): Promise<{ status: number; text: string; type: string }> {
  const handler = await handlerFor(op);
  const req = new NextRequest(`http://localhost${s.path}`, {
    method: op.method,
    headers: { authorization: `Bearer ${token}`, ...(s.contentType ? { "content-type": s.contentType } : {}), ...s.headers },
    body: s.body as BodyInit | undefined,
  });
  const res = await handler(req, { params: Promise.resolve(paramsOf(op.path, s.path)) });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
}

/** The operation a concrete path belongs to (literal segments win over parameters). */
function operationFor(method: string, concrete: string): Operation {
  const fits = operations.filter((o) => o.method === method).filter((o) => {
    try {
      paramsOf(o.path, concrete);
      return true;
    } catch {
      return false;
    }
  });
  const op = fits.sort((a, b) => a.path.split("{").length - b.path.split("{").length)[0];
  if (!op) throw new Error(`No operation for ${method} ${concrete}`);
  return op;
}

function tokenApi(token: string): Api {
  return async (method, p, body, headers) => {
    const r = await send(operationFor(method, p), token, { path: p, body: body === undefined ? undefined : JSON.stringify(body), contentType: body === undefined ? undefined : "application/json", headers });
    return { status: r.status, body: r.text ? (JSON.parse(r.text) as unknown) : null };
  };
}

// ---- "did anything get written?" --------------------------------------------------------------------

let fingerprintSql = "";
/** Row count per table, plus the newest updated_at where a table has one: inserts, deletes and updates all move it. */
async function fingerprint(): Promise<string> {
  const rows = await db().$queryRawUnsafe<{ t: string; n: bigint; u: Date | null }[]>(fingerprintSql);
  return rows.map((r) => `${r.t}:${r.n}:${r.u?.toISOString() ?? ""}`).join("|");
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

// ---- arbitraries ------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const nasty = fc.constantFrom<Json>(
  null, "", " ", "\u0000", "\uD800", "x".repeat(5000), -1, 0, 1.5, -0.0001, 1e308, -1e308, 2 ** 53 + 1, true, [], {},
  // What the hostile-input probe found the suite missing (issue 21): 2–10 KB names, integers at and past
  // 2^31, 2^53 and 2^63 (as numbers and as the int64 strings OTLP uses), out-of-range and malformed dates, YAML anchors.
  "n".repeat(2048), "n".repeat(10_000), 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 31) - 1, "2147483648", "9007199254740993", "9223372036854775808", "18446744073709551616",
  "0000-00-00", "2026-13-45", "9999-12-31T23:59:59Z", "16725225600000000000", "a: &a [x, x]\nb: *a",
  "'; DROP TABLE users; --", "<script>alert(1)</script>", "../../etc/passwd", "=cmd|' /C calc'!A0", "2026-02-30T25:61:00Z", "ew_" + "A".repeat(43), "__proto__",
);
const anyJson: fc.Arbitrary<Json> = fc.oneof({ weight: 3, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> }, { weight: 1, arbitrary: nasty });

/** Every path into a JSON value (object keys and array indexes). */
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}

type Mutation = { at: (string | number)[]; kind: "delete" | "replace" | "add" | "wrap"; value: Json; key: string };
function applyMutations(valid: Json, muts: Mutation[]): Json {
  let root = structuredClone(valid);
  for (const m of muts) {
    if (m.at.length === 0) {
      root = m.kind === "wrap" ? [root] : m.kind === "replace" ? m.value : root;
      continue;
    }
    let parent: Json = root;
    for (const step of m.at.slice(0, -1)) parent = (parent as Record<string, Json>)?.[step as string] ?? null;
    if (!parent || typeof parent !== "object") continue;
    const last = m.at.at(-1)!;
    const container = parent as Record<string | number, Json>;
    if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
    } else if (m.kind === "replace") container[last] = m.value;
    else if (m.kind === "wrap") container[last] = { value: container[last] ?? null };
    else if (container[last] && typeof container[last] === "object" && !Array.isArray(container[last])) (container[last] as Record<string, Json>)[m.key] = m.value;
  }
  return root;
}

/** Mostly near-valid bodies (a valid one with 1–4 mutations), some arbitrary JSON, some not JSON at all. */
function bodies(valid: Json): fc.Arbitrary<{ raw: string }> {
  const paths = pathsOf(valid);
  const mutation = fc.record({ at: fc.constantFrom(...paths), kind: fc.constantFrom<Mutation["kind"]>("delete", "replace", "replace", "add", "wrap"), value: anyJson, key: fc.string({ maxLength: 12 }) });
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((m) => ({ raw: JSON.stringify(applyMutations(valid, m)) })) },
    { weight: 2, arbitrary: anyJson.map((j) => ({ raw: JSON.stringify(j) })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ raw: s })) },
    { weight: 1, arbitrary: fc.constant({ raw: JSON.stringify(valid) }) },
  );
}

function queryKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
const queryValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2200-01-01") }).map((d) => d.toISOString()),
  nasty.map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
);
const queries = (keys: string[]) => fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys, "x") }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), queryValue, { maxKeys: 5 });

/** Byte-level damage to a valid encoding: flips, truncation, insertions. */
function damagedBytes(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({ pos: fc.nat({ max: Math.max(0, valid.length - 1) }), kind: fc.constantFrom("flip", "cut", "insert"), byte: fc.integer({ min: 0, max: 255 }), len: fc.integer({ min: 1, max: 8 }) });
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
      let b = Uint8Array.from(valid);
      for (const e of edits) {
        const pos = Math.min(e.pos, Math.max(0, b.length - 1));
        if (e.kind === "flip" && b.length) b[pos] = e.byte;
        else if (e.kind === "cut") b = b.subarray(0, pos);
        else b = Uint8Array.from([...b.subarray(0, pos), ...Array.from({ length: e.len }, () => e.byte), ...b.subarray(pos)]);
      }
      return b;
    }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  );
}

/** Attributes whose values name services and peers: each may become part of a series key. */
const NAME_KEYS = new Set(["service.name", "peer.service", "server.address", "rpc.service", "client", "server", "messaging.destination.name"]);
const TIME_KEYS = new Set(["startTimeUnixNano", "endTimeUnixNano", "timeUnixNano"]);
const COUNT_KEYS = new Set(["count", "zeroCount", "bucketCounts"]);

/** A copy of `v` with `edit(key, value)` applied to every object member (undefined keeps it). */
function rewrite(v: Json, edit: (key: string, value: Json, owner: Record<string, Json>) => Json | undefined): Json {
  if (Array.isArray(v)) return v.map((x) => rewrite(x, edit));
  if (!v || typeof v !== "object") return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) out[k] = edit(k, x, v) ?? rewrite(x, edit);
  return out;
}

const times = fc.constantFrom("0", "1", String(BigInt(Date.UTC(2500, 0, 1)) * 1_000_000n), "18446744073709551615", String(BigInt(Date.now() + 86_400_000) * 1_000_000n), String(BigInt(Date.now() - 20 * 86_400_000) * 1_000_000n));
const scale = (v: Json, k: bigint): Json => (Array.isArray(v) ? v.map((x) => scale(x, k)) : typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)) ? String(BigInt(v) * k) : v);

/**
 * A valid OTLP body made hostile the ways the probe did: every name 2–10 KB long, every timestamp at an
 * extreme (1970, 2500, 2^64 − 1, a day ahead, past retention) or a span ten years long, every count
 * scaled to and past 2^31, 2^53 and 2^63 (kept consistent, so the points still add up), or all at once.
 */
function hostileOtlp(valid: Json): fc.Arbitrary<{ raw: string }> {
  const names = fc.integer({ min: 2048, max: 10_240 }).map((n) => (v: Json) =>
    rewrite(v, (_k, value, owner) => (typeof owner.key === "string" && NAME_KEYS.has(owner.key) && value && typeof value === "object" && "stringValue" in value ? { stringValue: "n".repeat(n) } : undefined)));
  const extremes = fc.tuple(times, fc.boolean()).map(([t, long]) => (v: Json) =>
    rewrite(v, (k) => (TIME_KEYS.has(k) ? (long && k === "endTimeUnixNano" ? String(BigInt(t) + 10n * 365n * 86_400_000_000_000n) : t) : undefined)));
  const counts = fc.constantFrom(2n ** 31n, 3n * 2n ** 49n, 2n ** 51n, 2n ** 52n, 2n ** 53n, 2n ** 62n, 2n ** 63n).map((k) => (v: Json) => rewrite(v, (key, value) => (COUNT_KEYS.has(key) ? scale(value, k) : undefined)));
  const one = fc.oneof(names, extremes, counts);
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) => ({ raw: JSON.stringify(edits.reduce((v, e) => e(v), valid)) }));
}

/** Keys of API bodies whose string values name something (and may end up in an index, a slug or a label). */
const API_NAME_KEY = /name|slug|title|service|operation|team|owner|key|label|protocol|topic|channel|reason|file/i;
const DATE_KEY = /date|at$|until|since|from|to$|expires/i;
const hugeInts = fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 2 ** 64, -1, 1e21);
const badDates = fc.constantFrom("0000-00-00", "2026-13-45", "2026-02-30", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59.999Z", "+275760-09-13T00:00:00Z", "-000001-01-01", "2026-05-01T25:61:61Z", "16725225600000000000", "NaN");

/** YAML that expands (billion laughs), shares nodes (anchors, merge keys) or refers to itself. */
const aliasBomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");
const yamlTricks = fc.constantFrom(
  (c: string) => `${aliasBomb}\n---\n${c}`,
  (c: string) => `${c}\n---\n${aliasBomb}\n`,
  (c: string) => `---\n${aliasBomb}\n${c.replace(/^---\n/, "")}`, // inside MADR front matter
  (c: string) => `base: &base { team: x, tier: 1 }\nmerged: { <<: *base, <<: *base }\n---\n${c}`,
  (c: string) => `self: &self [*self]\n---\n${c}`,
  (c: string) => c.replace(/\n/, "\nanchored: &x value\nagain: *x\n"),
  (c: string) => `${c}\n${"deep: ".repeat(1) + "[".repeat(2000)}${"]".repeat(2000)}\n`,
);

/**
 * A valid API body made hostile whole, the probe's way: every name field 2–10 KB, every integer at or
 * past 2^31, 2^53 and 2^63, every date-like field out of range or malformed, YAML and MADR contents
 * with anchors, alias bombs and self-references, and dry runs turned into real ones (so refusals are
 * tested where they would write).
 */
function hostileBodies(valid: Json): fc.Arbitrary<{ raw: string }> {
  const names = fc.integer({ min: 2048, max: 10_240 }).map((n) => (v: Json) => rewrite(v, (k, x) => (typeof x === "string" && API_NAME_KEY.test(k) ? "n".repeat(n) : undefined)));
  const ints = hugeInts.map((i) => (v: Json) => rewrite(v, (_k, x) => (typeof x === "number" && Number.isInteger(x) ? i : undefined)));
  const dates = badDates.map((d) => (v: Json) => rewrite(v, (k, x) => (typeof x === "string" && (DATE_KEY.test(k) || /^\d{4}-\d\d-\d\d/.test(x)) ? d : undefined)));
  const yaml = yamlTricks.map((t) => (v: Json) => rewrite(v, (k, x) => (k === "content" && typeof x === "string" ? t(x) : undefined)));
  const real = fc.constant((v: Json) => rewrite(v, (k, x) => (k === "dryRun" && x === true ? false : undefined)));
  return fc.array(fc.oneof(names, ints, dates, yaml, real), { minLength: 1, maxLength: 3 }).map((edits) => ({ raw: JSON.stringify(edits.reduce((v, e) => e(v), valid)) }));
}

// ---- OTLP payloads from the official serializers -----------------------------------------------------

async function traceSamples(service: string, peer: string) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": service }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer("edgewise-fuzz");
  const t0 = Date.now() - 60_000;
  for (let i = 0; i < 3; i++) {
    const span = tracer.startSpan("call", { kind: SpanKind.CLIENT, startTime: t0 + i * 1000, attributes: { "peer.service": peer, "retry.count": i } });
    if (i === 2) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(t0 + i * 1000 + 20 + i);
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  return { json: JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString("utf8")) as Json, protobuf: ProtobufTraceSerializer.serializeRequest(spans)! };
}

/** Log records from the SDK: /v1/logs decodes only to count them, and must still refuse damage cleanly. */
async function logSamples(service: string) {
  const { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } = await import("@opentelemetry/sdk-logs");
  const { JsonLogsSerializer, ProtobufLogsSerializer } = await import("@opentelemetry/otlp-transformer");
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": service }), processors: [new SimpleLogRecordProcessor({ exporter })] });
  for (const scope of ["http", "db"]) for (let i = 0; i < 2; i++) provider.getLogger(scope).emit({ body: `${scope} ${i}`, severityText: "WARN", attributes: { i } });
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  return { json: JSON.parse(Buffer.from(JsonLogsSerializer.serializeRequest(records)!).toString("utf8")) as Json, protobuf: ProtobufLogsSerializer.serializeRequest(records)! };
}

/** The metrics side exists once OTLP metrics ingestion has landed (it is listed in api-operations). */
async function metricSamples(service: string, peer: string) {
  const sdk = await import(/* @vite-ignore */ "@opentelemetry/sdk-metrics");
  const { JsonMetricsSerializer, ProtobufMetricsSerializer } = await import("@opentelemetry/otlp-transformer");
  class ManualReader extends sdk.MetricReader {
    protected override async onForceFlush() {}
    protected override async onShutdown() {}
  }
  const reader = new ManualReader({ aggregationTemporalitySelector: () => sdk.AggregationTemporality.DELTA });
  const provider = new sdk.MeterProvider({ resource: resourceFromAttributes({ "service.name": service }), readers: [reader] });
  const histogram = provider.getMeter("edgewise-fuzz").createHistogram("rpc.client.duration", { unit: "ms", advice: { explicitBucketBoundaries: [5, 10, 50, 100] } });
  for (const ms of [3, 7, 20, 80]) histogram.record(ms, { "peer.service": peer });
  // A servicegraph edge too: the shape Edgewise folds, so names, times and counts reach the fold and the store.
  const graph = provider.getMeter("servicegraph").createHistogram("traces_service_graph_request_client", { unit: "s", advice: { explicitBucketBoundaries: [0.01, 0.1, 1] } });
  for (const s of [0.003, 0.02, 0.5]) graph.record(s, { client: service, server: peer });
  // A second series of the same edge (another dimension): its counts add to the same minute bucket.
  for (const s of [0.004, 0.3]) graph.record(s, { client: service, server: peer, connection_type: "virtual_node" });
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return { json: JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics)!).toString("utf8")) as Json, protobuf: ProtobufMetricsSerializer.serializeRequest(resourceMetrics)! };
}

// ---- setup ------------------------------------------------------------------------------------------

let adminToken = "";
let admin: Api;
let team = "";
let integrationKey = "";
let policySnapshot: { id: string; enabled: boolean; thresholds: { name: string; value: number }[] }[] = [];

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  // Refusals are meant to leave traces in three tables only: failed sign-ins, ingestion's tally of
  // turned-away requests (flushed every few seconds, so it may land during any later check), and the
  // shared rate limit's token buckets (a refused request still spends its token, or bad ones would be free).
  const tables = await db().$queryRaw<{ table_name: string; has_updated: boolean }[]>`
    SELECT t.table_name::text AS table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'updated_at') AS has_updated
    FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN ('_prisma_migrations', 'login_attempts', 'ingest_counts', 'rate_buckets') ORDER BY t.table_name`;
  fingerprintSql = tables.map((t) => `SELECT '${t.table_name}' AS t, count(*) AS n, ${t.has_updated ? "max(updated_at)" : "NULL::timestamptz"} AS u FROM "${t.table_name}"`).join(" UNION ALL ");
  const owner = await makeUser("admin");
  adminToken = (await createToken(systemActor("fuzz"), { name: "fuzz admin", scopes: ["admin"], userEmail: owner.email })).token;
  admin = tokenApi(adminToken);
  team = (await makeTeam()).slug;
  const ctx = { admin, self: admin, team, ownership: "own" as const, id: "fuzzfix" };
  const prepared = await authzMatrix["POST /api/integrations"]!.prepare(ctx);
  integrationKey = ((await admin("POST", prepared.path, prepared.body)).body as { key: string }).key;
  policySnapshot = ((await admin("GET", "/api/policies")).body as { items: typeof policySnapshot }).items;
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  // The policy rules are shared by every test in the run: put back what fuzzing changed.
  for (const p of policySnapshot) await admin("PATCH", `/api/policies/${p.id}`, { enabled: p.enabled, thresholds: Object.fromEntries(p.thresholds.map((t) => [t.name, t.value])) });
  console.log(`fuzz summary (seed ${SEED}):\n${counts.map(([k, n]) => `  ${String(n).padStart(5)} cases  ${k}`).join("\n")}\n  ${String(counts.reduce((a, [, n]) => a + n, 0)).padStart(5)} cases in all`);
});

/** One property: send, then check the invariants every request must keep. */
async function check(label: string, op: Operation, s: Sent, statuses: Map<number, number>): Promise<{ status: number; text: string }> {
  const before = await fingerprint();
  const res = await send(op, adminToken, s);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) throw new Error(`${label}: ${res.status} ${res.text.slice(0, 300)}`);
  if (res.status >= 400) {
    const after = await fingerprint();
    if (after !== before) throw new Error(`${label}: answered ${res.status} but wrote something\nbefore ${before}\nafter  ${after}`);
    // Errors keep the API's shape; OTLP answers a google.rpc.Status in the request's encoding (JSON form checked here).
    const shape = op.path.startsWith("/v1/") ? { code: expect.any(Number), message: expect.any(String), details: expect.any(Array) } : { error: { code: expect.any(String), message: expect.any(String) } };
    if (res.type.startsWith("application/json")) expect(JSON.parse(res.text)).toMatchObject(shape);
  }
  if (unhandled.length) throw new Error(`${label}: unhandled rejection ${String(unhandled[0])}`);
  return res;
}

async function run<T>(label: string, arb: fc.Arbitrary<T>, toSent: (v: T) => Sent, op: Operation, numRuns = RUNS) {
  const statuses = new Map<number, number>();
  let n = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (v) => {
      n++;
      await check(label, op, toSent(v), statuses);
    }),
    { numRuns, seed: SEED, endOnFailure: true },
  );
  counts.push([`${label}  (${[...statuses].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(" ")})`, n]);
  // The fuzzing must reach past validation sometimes, or it tests nothing but the schema.
  return statuses;
}

// ---- the properties ---------------------------------------------------------------------------------

/** Remote write's body is snappy-compressed protobuf, fuzzed as bytes below, not as JSON. */
const REMOTE_WRITE = "/api/v1/write";
const withBody = operations.filter((o) => o.body && !o.path.startsWith("/v1/") && o.path !== REMOTE_WRITE);
const withQuery = operations.filter((o) => o.query && o.method === "GET");
const ingestion = operations.filter((o) => o.path.startsWith("/v1/"));

describe("fuzzing API input schemas (bodies)", () => {
  for (const op of withBody) {
    it(`${op.method} ${op.path}`, async () => {
      const entry = authzMatrix[`${op.method} ${op.path}`];
      expect(entry, `${op.method} ${op.path} has a body schema but no entry in scripts/test/authz-matrix.ts to make a valid request from`).toBeDefined();
      const target = await entry!.prepare({ admin, self: admin, team, ownership: "own", id: `fz${Date.now().toString(36)}` });
      const sent = (b: { raw: string }): Sent => ({ path: target.path, body: b.raw, contentType: "application/json", headers: target.headers });
      await run(`${op.method} ${op.path}`, bodies((target.body ?? {}) as Json), sent, op);
      await run(`${op.method} ${op.path} hostile whole`, hostileBodies((target.body ?? {}) as Json), sent, op, HOSTILE_RUNS);
    }, PER_ENDPOINT);
  }
});

describe("fuzzing reference cycles", () => {
  it("POST /api/decisions/import with random supersession graphs: any loop is a 422 naming it, and writes nothing", async () => {
    const op = operations.find((o) => o.method === "POST" && o.path === "/api/decisions/import")!;
    // k records; each superseded by one of them (itself included) or by none.
    const graphs = fc.integer({ min: 1, max: 4 }).chain((k) => fc.array(fc.option(fc.nat({ max: k - 1 }), { nil: null }), { minLength: k, maxLength: k }));
    const loops = (succ: (number | null)[]) => succ.some((_, start) => {
      const seen = new Set<number>();
      for (let at: number | null = start; at !== null; at = succ[at]!) {
        if (seen.has(at)) return true;
        seen.add(at);
      }
      return false;
    });
    let base = 870_000_000 + Math.floor(Math.random() * 1_000_000);
    const statuses = new Map<number, number>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(graphs, async (succ) => {
        n++;
        base += 10;
        const files = succ.map((s, i) => ({ name: `${base + i}.md`, content: `---\nnumber: ${base + i}\ndate: 2026-05-01\nstatus: ${s === null ? "accepted" : "superseded"}\n${s === null ? "" : `superseded-by: ${base + s}\n`}---\n# Record ${base + i}\n` }));
        const res = await check(`${op.path} supersession graph`, op, { path: op.path, body: JSON.stringify({ dryRun: false, files }), contentType: "application/json" }, statuses);
        if (loops(succ)) {
          expect(res.status).toBe(422);
          expect(res.text).toMatch(/Supersession loop|a record cannot supersede itself/);
        }
      }),
      { numRuns: HOSTILE_RUNS, seed: SEED, endOnFailure: true },
    );
    counts.push([`${op.path} supersession graphs  (${[...statuses].sort(([a], [b]) => a - b).map(([st, c]) => `${st}×${c}`).join(" ")})`, n]);
    expect(statuses.get(422) ?? 0, "some graphs should hold a loop").toBeGreaterThan(0);
  }, PER_ENDPOINT);
});

describe("fuzzing API input schemas (queries)", () => {
  for (const op of withQuery) {
    it(`${op.method} ${op.path}`, async () => {
      const concrete = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (name === "key") return encodeURIComponent(integrationKey);
        throw new Error(`fuzz: no fixture for {${name}} in ${op.path}: add one next to {key}`);
      });
      await run(`${op.method} ${op.path}?…`, queries(queryKeys(op.query)), (q) => ({ path: `${concrete}?${new URLSearchParams(q).toString()}` }), op);
    }, PER_ENDPOINT);
  }
});

describe("fuzzing the OTLP decoders through the ingestion routes", () => {
  for (const op of ingestion) {
    const signal = op.path.split("/").at(-1)!;
    it(`${op.method} ${op.path} (JSON and protobuf)`, async () => {
      const samples = signal === "traces" ? await traceSamples(`fz-${team}`, "fz-peer") : signal === "metrics" ? await metricSamples(`fz-${team}`, "fz-peer") : signal === "logs" ? await logSamples(`fz-${team}`) : null;
      expect(samples, `fuzz: no sample payloads for OTLP ${signal}: add them next to traceSamples`).not.toBeNull();
      const json = await run(`${op.path} application/json`, bodies(samples!.json), (b) => ({ path: op.path, body: b.raw, contentType: "application/json" }), op);
      const hostile = await run(`${op.path} hostile names, times, counts`, hostileOtlp(samples!.json), (b) => ({ path: op.path, body: b.raw, contentType: "application/json" }), op);
      // Bounded items are refused one by one (200 with partialSuccess), counts past 2^53 as a request (400).
      expect(hostile.get(200) ?? 0, "hostile items should be rejected per item, the request answered 200").toBeGreaterThan(0);
      if (signal === "metrics") expect(hostile.get(400) ?? 0, "some scaled counts should sum past 2^53 and be refused").toBeGreaterThan(0);
      // And none of them landed: no minute in the future (it would pin an edge's last-seen there), none past retention, no key beyond the name bound.
      const [landed] = await db().$queryRaw<{ future: bigint; old: bigint; long: bigint }[]>`
        SELECT count(*) FILTER (WHERE start > now() + interval '10 minutes') AS future, count(*) FILTER (WHERE resolution = 'minute' AND start < now() - interval '15 days') AS old,
               count(*) FILTER (WHERE length(series_key) > 2 * 255 + 8) AS long FROM latency_buckets`;
      expect([Number(landed!.future), Number(landed!.old), Number(landed!.long)]).toEqual([0, 0, 0]);
      const proto = await run(`${op.path} application/x-protobuf`, damagedBytes(samples!.protobuf), (b) => ({ path: op.path, body: b, contentType: "application/x-protobuf" }), op);
      // Some damaged payloads still carry good data: make sure the valid path was reached at all.
      expect(json.get(200) ?? 0, "some near-valid JSON should be accepted").toBeGreaterThan(0);
      expect(proto.get(200) ?? 0, "some damaged protobuf should still decode").toBeGreaterThan(0);
    }, PER_ENDPOINT);
  }

  const remoteWrite = operations.find((o) => o.method === "POST" && o.path === REMOTE_WRITE);
  it.runIf(remoteWrite)(`POST ${REMOTE_WRITE} (damaged snappy, and damaged protobuf inside valid snappy)`, async () => {
    // A body recorded from a real Prometheus 2.42 (lib/telemetry/fixtures/README-remote-write.md).
    const recorded = new Uint8Array(readFileSync("lib/telemetry/fixtures/prometheus-2.42-remote-write.bin"));
    const headers = { "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" };
    const sent = (body: Uint8Array): Sent => ({ path: REMOTE_WRITE, body, contentType: "application/x-protobuf", headers });
    const snappy = await run(`${REMOTE_WRITE} damaged snappy`, damagedBytes(recorded), sent, remoteWrite!);
    const inner = await run(`${REMOTE_WRITE} damaged protobuf`, damagedBytes(new Uint8Array(uncompress(recorded))).map((b) => new Uint8Array(compress(b))), sent, remoteWrite!);
    // Undecodable bodies are 400 (not retried); some damaged protobuf still decodes and is accepted.
    expect(snappy.get(400) ?? 0, "damaged snappy should be refused as undecodable").toBeGreaterThan(0);
    expect(inner.get(204) ?? 0, "some damaged protobuf should still decode").toBeGreaterThan(0);
  }, PER_ENDPOINT);

  it("the decoders themselves throw nothing but OtlpDecodeError on arbitrary input", async () => {
    const { decodeTraces } = await import("@/lib/telemetry/otlp-json");
    const protobuf = (await import("@/lib/telemetry/otlp-protobuf")) as Record<string, unknown>;
    const decoders: [string, (input: unknown) => unknown, fc.Arbitrary<unknown>][] = [
      ["decodeTraces(json)", decodeTraces, anyJson],
      ["decodeTraceRequestProtobuf(bytes)", protobuf.decodeTraceRequestProtobuf as (b: unknown) => unknown, damagedBytes((await traceSamples("fz", "peer")).protobuf)],
    ];
    if (ingestion.some((o) => o.path === "/v1/metrics")) {
      const metrics = (await import(/* @vite-ignore */ path.resolve("lib/telemetry/otlp-metrics.ts"))) as { decodeMetrics: (b: unknown) => unknown };
      const sample = await metricSamples("fz", "peer");
      decoders.push(["decodeMetrics(json)", metrics.decodeMetrics, fc.oneof(anyJson, bodies(sample.json).map((b) => { try { return JSON.parse(b.raw) as unknown; } catch { return b.raw; } }))]);
      decoders.push(["decodeMetricsRequestProtobuf(bytes)", protobuf.decodeMetricsRequestProtobuf as (b: unknown) => unknown, damagedBytes(sample.protobuf)]);
    }
    for (const [label, decode, arb] of decoders) {
      let n = 0;
      fc.assert(
        fc.property(arb, (input) => {
          n++;
          try {
            decode(input);
          } catch (err) {
            if (!(err instanceof OtlpDecodeError)) throw err;
          }
        }),
        { numRuns: RUNS * 5, seed: SEED },
      );
      counts.push([label, n]);
    }
  });
});
