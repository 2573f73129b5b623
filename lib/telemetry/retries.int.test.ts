// Observed retries and throttling end to end on a real PostgreSQL: OTLP spans through the ingestion
// pipeline, attempts of one logical call in several requests (out of order, and at once), the latency
// API's new fields, and the four rules firing on what was ingested and clearing once it is past.
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { listFindings } from "@/lib/governance/findings";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { ingest } from "./ingest";
import { latencyQuerySchema, latencySeries } from "./latency";
import { jsonCodec } from "./otlp-codec";
import { applyAttempts, attemptsOf, type Attempt } from "./retries";
import { rng } from "./seeded-random";

const MINUTE_MS = 60_000;
// Two whole minutes ago: inside the rules' 5-minute window, and minute buckets are what the API reads.
const T_MS = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
let traceSeq = Math.floor(Math.random() * 1e9);

interface SpanSpec {
  trace: string;
  parent: string;
  span: number;
  atMs: number;
  resend?: number;
  status?: number;
  error?: boolean;
}

/** An OTLP/JSON body of client spans from `source` to `target` ("call"), one per spec. */
function body(source: string, target: string, specs: SpanSpec[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: source } }] },
        scopeSpans: [
          {
            spans: specs.map((s) => ({
              traceId: s.trace,
              spanId: hex(s.span, 16),
              parentSpanId: s.parent,
              name: "call",
              kind: 3,
              startTimeUnixNano: String(BigInt(s.atMs) * 1_000_000n),
              endTimeUnixNano: String(BigInt(s.atMs + 5) * 1_000_000n),
              attributes: [
                { key: "peer.service", value: { stringValue: target } },
                ...(s.resend === undefined ? [] : [{ key: "http.request.resend_count", value: { intValue: String(s.resend) } }]),
                ...(s.status === undefined ? [] : [{ key: "http.response.status_code", value: { intValue: String(s.status) } }]),
              ],
              status: { code: s.error ? 2 : 0 },
            })),
          },
        ],
      },
    ],
  };
}

async function estate(declaration: Record<string, unknown>) {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "http", budget: { p99Ms: 100 }, ...declaration });
  return { a, b, member, key: view.key };
}

const send = (actor: Parameters<typeof ingest>[1], payload: unknown) => ingest("traces", actor, jsonCodec, Buffer.from(JSON.stringify(payload)));
const totals = (series: { attempts: number; logicalCalls: number; maxAttempts: number; throttled: number; count: number }[]) =>
  series.reduce((t, p) => ({ count: t.count + p.count, attempts: t.attempts + p.attempts, logicalCalls: t.logicalCalls + p.logicalCalls, maxAttempts: Math.max(t.maxAttempts, p.maxAttempts), throttled: t.throttled + p.throttled }), {
    count: 0,
    attempts: 0,
    logicalCalls: 0,
    maxAttempts: 0,
    throttled: 0,
  });
const rulesFor = async (actor: Parameters<typeof listFindings>[0], key: string, now?: Date) => (await listFindings(actor, { integration: key }, now)).items.map((f) => f.rule).filter((r) => RETRY_RULES.includes(r)).sort();
const RETRY_RULES = ["observed-attempts-within-declared", "no-retry-storm", "retries-only-where-declared", "throttling-handled"];

describe("observed retries", () => {
  it("counts a call whose attempts arrive in three requests, out of order and two at once, as one call — in the minute of its first attempt", async () => {
    const { a, b, member, key } = await estate({ resilience: { timeoutMs: 50, retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 10, maxDelayMs: 40, jitter: true } }, idempotency: { strategy: "natural" } });
    // 20 calls, each of three attempts: the retries (resend 1, 2) in the minute at T, the first
    // attempt (resend 0) 30 s earlier — in the minute before — and sent last.
    const calls = Array.from({ length: 20 }, (_, i) => ({ trace: hex(++traceSeq, 32), parent: hex(1000 + i, 16) }));
    const attempt = (resend: number, offsetMs: number) => calls.map((c, i) => ({ ...c, span: i * 10 + resend + 1, atMs: T_MS + offsetMs + i, resend, status: resend < 2 ? 503 : 200, error: resend < 2 }));
    // The two retries race each other (two writers on the same calls); the first attempt follows.
    await Promise.all([send(member, body(a.slug, b.slug, attempt(1, 10_000))), send(member, body(a.slug, b.slug, attempt(2, 20_000)))]);
    await send(member, body(a.slug, b.slug, attempt(0, -30_000)));

    const series = (await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T_MS - MINUTE_MS).toISOString(), to: new Date(T_MS + MINUTE_MS).toISOString(), step: "1m" }))).series;
    expect(series.map((p) => [p.count, p.logicalCalls, p.attempts, p.maxAttempts, p.throttled])).toEqual([
      [20, 20, 60, 3, 20], // the first attempts' minute holds the calls (and their 20 throttled first attempts)
      [40, 0, 0, 0, 20], // the retries' minute: 40 spans, no call counted twice
    ]);
    // A step of 5 minutes merges both minutes: amplification 60 / 20 = 3.
    const merged = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T_MS - 5 * MINUTE_MS).toISOString(), to: new Date(T_MS + 5 * MINUTE_MS).toISOString(), step: "5m" }));
    expect(totals(merged.series)).toEqual({ count: 60, attempts: 60, logicalCalls: 20, maxAttempts: 3, throttled: 40 });
  });

  it("keeps each call's stored state right for the next request: an earlier attempt arriving second, a third one after it", async () => {
    // No resend_count, so only the stored spans and minute say what the call has had: if either were
    // stored wrongly after the second request, the third would move the call from the wrong place.
    const { a, b, member, key } = await estate({ resilience: { timeoutMs: 50, retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 10, maxDelayMs: 40, jitter: true } }, idempotency: { strategy: "natural" } });
    const calls = Array.from({ length: 5 }, (_, i) => ({ trace: hex(++traceSeq, 32), parent: hex(2000 + i, 16) }));
    const attempt = (n: number, offsetMs: number) => calls.map((c, i) => ({ ...c, span: i * 10 + n, atMs: T_MS + offsetMs + i }));
    for (const [n, offsetMs] of [[2, 10_000], [1, -50_000], [3, 20_000]] as const) await send(member, body(a.slug, b.slug, attempt(n, offsetMs)));

    const series = (await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T_MS - MINUTE_MS).toISOString(), to: new Date(T_MS + MINUTE_MS).toISOString(), step: "1m" }))).series;
    expect(series.map((p) => [p.count, p.logicalCalls, p.attempts, p.maxAttempts])).toEqual([
      [5, 5, 15, 3], // the earliest attempts' minute: five calls of three attempts
      [10, 0, 0, 0],
    ]);
  });

  it("agrees with the pure model (applyAttempts) on calls whose attempts are shuffled over six requests, two of them at a time", async () => {
    // The SQL that groups attempts is the model's rule for one call: whatever order the attempts come
    // in, each call ends in the minute of its earliest attempt, counted once with all it took.
    const { a, b, member, key } = await estate({ resilience: { timeoutMs: 50, retries: { maxAttempts: 4, backoff: "exponential", baseDelayMs: 10, maxDelayMs: 40, jitter: true } }, idempotency: { strategy: "natural" } });
    const random = rng(20261206);
    let spanSeq = 50_000;
    const specs: SpanSpec[] = Array.from({ length: 60 }, (_, i) => ({ trace: hex(++traceSeq, 32), parent: hex(4000 + i, 16) })).flatMap((call) => {
      const n = 1 + Math.floor(random() * 4);
      return Array.from({ length: n }, (_, r) => ({ ...call, span: ++spanSeq, atMs: T_MS - 110_000 + Math.floor(random() * 160_000), resend: random() < 0.3 ? r + Math.floor(random() * 2) : undefined }));
    });
    for (let i = specs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [specs[i], specs[j]] = [specs[j]!, specs[i]!];
    }
    const requests = Array.from({ length: 6 }, (_, r) => specs.filter((_, i) => i % 6 === r));
    for (let r = 0; r < requests.length; r += 2) await Promise.all(requests.slice(r, r + 2).map((part) => send(member, body(a.slug, b.slug, part))));

    const attempts: Attempt[] = specs.map((s) => ({ callKey: `${s.trace}|${s.parent}`, seriesKey: key, startMs: s.atMs, resendCount: s.resend ?? null }));
    const expected = new Map<number, { logicalCalls: number; attempts: number; maxAttempts: number }>();
    for (const call of applyAttempts(new Map(), attempts).states.values()) {
      const m = expected.get(call.minuteMs) ?? { logicalCalls: 0, attempts: 0, maxAttempts: 0 };
      const n = attemptsOf(call);
      expected.set(call.minuteMs, { logicalCalls: m.logicalCalls + 1, attempts: m.attempts + n, maxAttempts: Math.max(m.maxAttempts, n) });
    }
    const series = (await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T_MS - 2 * MINUTE_MS).toISOString(), to: new Date(T_MS + MINUTE_MS).toISOString(), step: "1m" }))).series;
    expect(series.filter((p) => p.logicalCalls > 0).map((p) => [Date.parse(p.t), { logicalCalls: p.logicalCalls, attempts: p.attempts, maxAttempts: p.maxAttempts }])).toEqual(
      [...expected].sort((x, y) => x[0] - y[0]),
    );
    expect(series.reduce((n, p) => n + p.count, 0)).toBe(specs.length);
  });

  it("honours http.request.resend_count when only the last attempt's span arrives", async () => {
    const { a, b, member, key } = await estate({});
    await send(member, body(a.slug, b.slug, [{ trace: hex(++traceSeq, 32), parent: hex(7, 16), span: 1, atMs: T_MS, resend: 3 }]));
    const series = (await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T_MS).toISOString(), to: new Date(T_MS + MINUTE_MS).toISOString(), step: "1m" }))).series;
    expect(series.map((p) => [p.count, p.logicalCalls, p.attempts, p.maxAttempts])).toEqual([[1, 1, 4, 4]]);
  });
});

describe("retry and throttling rules", () => {
  it("fire on what was ingested and clear once it has left their windows", async () => {
    const architect = await actorFor("architect");
    // Declares 2 attempts with backoff and an idempotency key: a storm of 3-attempt calls breaks the
    // declared attempts and storms, but is declared retried, idempotent and backs off.
    const storm = await estate({ resilience: { timeoutMs: 50, retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 10, maxDelayMs: 40, jitter: true } }, idempotency: { strategy: "key", key: "Idempotency-Key" } });
    const stormCalls = Array.from({ length: 25 }, (_, i) => ({ trace: hex(++traceSeq, 32), parent: hex(2000 + i, 16) }));
    const stormSpans = stormCalls.flatMap((c, i) => [0, 1, 2].map((r) => ({ ...c, span: i * 10 + r + 1, atMs: T_MS + i * 100 + r * 10, resend: r, status: r < 2 ? 500 : 200, error: r < 2 })));
    await send(storm.member, body(storm.a.slug, storm.b.slug, stormSpans));

    // Declares no retries, no idempotency, no concurrency limit: 150 calls, 3 retried once, 2 throttled (1.3 %).
    const bare = await estate({});
    const bareCalls = Array.from({ length: 150 }, (_, i) => ({ trace: hex(++traceSeq, 32), parent: hex(3000 + i, 16), span: 1, atMs: T_MS + i, status: i < 2 ? 429 : 200 }));
    const retried = bareCalls.slice(0, 3).map((c) => ({ ...c, span: 2, atMs: c.atMs + 50, resend: 1, status: 200 }));
    await send(bare.member, body(bare.a.slug, bare.b.slug, [...bareCalls, ...retried]));

    expect(await rulesFor(architect, storm.key)).toEqual(["no-retry-storm", "observed-attempts-within-declared"]);
    expect(await rulesFor(architect, bare.key)).toEqual(["retries-only-where-declared", "throttling-handled"]);
    const messages = (await listFindings(architect, { integration: storm.key })).items.filter((f) => RETRY_RULES.includes(f.rule)).map((f) => f.message);
    expect(messages).toContain(`${storm.key}: a logical call took 3 attempts in the last hour; 2 declared.`);
    expect(messages).toContain(`${storm.key}: 75 attempts for 25 logical calls (×3) in the last 5 minutes while 66.7 % of calls fail.`);

    // Ten minutes on the storm has left the 5-minute window; the hour-long rules still hold.
    const later = new Date(T_MS + 10 * MINUTE_MS);
    expect(await rulesFor(architect, storm.key, later)).toEqual(["observed-attempts-within-declared"]);
    // Two hours on, nothing is in any window: every finding clears.
    const muchLater = new Date(T_MS + 2 * 3_600_000);
    expect(await rulesFor(architect, storm.key, muchLater)).toEqual([]);
    expect(await rulesFor(architect, bare.key, muchLater)).toEqual([]);
  });
});
