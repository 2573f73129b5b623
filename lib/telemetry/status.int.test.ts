// Settings → Telemetry's numbers come from what ingestion counted: accepted spans and points per
// minute, last received per signal, and rejections by reason (items and whole requests).
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { actorFor } from "@/scripts/test/factories";
import { ingest } from "./ingest";
import { jsonCodec, type OtlpSignal } from "./otlp-codec";
import { countRejectedRequest, flushRejectedRequests } from "./ingest-counts";
import { ingestionStatus, type IngestionStatus } from "./status";

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const ingestJson = (signal: OtlpSignal, body: unknown) => ingest(signal, systemActor("collector"), jsonCodec, Buffer.from(JSON.stringify(body)));
const rejected = (s: IngestionStatus, signal: string, reason: string) => s.rejections.find((r) => r.signal === signal && r.reason === reason)?.count ?? 0;

describe("ingestionStatus", () => {
  it("reports spans and points per minute, last received per signal, and rejections by reason", async () => {
    const reader = await actorFor("viewer");
    const before = await ingestionStatus(reader);
    const span = (spanId: string) => ({ traceId: "5b8efff798038103d269b633813fc60c", spanId, name: "x", kind: 3, startTimeUnixNano: String(NOW_NS), endTimeUnixNano: String(NOW_NS + 1_000_000n) });
    await ingestJson("traces", { resourceSpans: [{ scopeSpans: [{ spans: [span("00000000000000a1"), span("00000000000000a2"), span("zz"), { ...span("00000000000000a3"), kind: 9 }] }] }] });
    const point = (count: string) => ({ startTimeUnixNano: String(NOW_NS - 1n), timeUnixNano: String(NOW_NS), count, bucketCounts: ["1", "0"], explicitBounds: [5] });
    await ingestJson("metrics", { resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "duration", unit: "ms", histogram: { aggregationTemporality: 1, dataPoints: [point("1"), point("1"), point("7")] } }] }] }] });
    countRejectedRequest("metrics", "too_large");
    countRejectedRequest("metrics", "too_large");
    await flushRejectedRequests();

    const after = await ingestionStatus(reader);
    expect(after.spansLast10Minutes - before.spansLast10Minutes).toBe(2);
    expect(after.pointsLast10Minutes - before.pointsLast10Minutes).toBe(2);
    expect(after.lastReceived.traces).not.toBeNull();
    expect(after.lastReceived.metrics).not.toBeNull();
    expect(after.lastReceivedAt).toBe([after.lastReceived.traces!, after.lastReceived.metrics!].sort()[1]);
    expect(rejected(after, "traces", "invalid_id") - rejected(before, "traces", "invalid_id")).toBe(1);
    expect(rejected(after, "traces", "unknown_kind") - rejected(before, "traces", "unknown_kind")).toBe(1);
    expect(rejected(after, "metrics", "invalid_buckets") - rejected(before, "metrics", "invalid_buckets")).toBe(1);
    expect(rejected(after, "metrics", "request:too_large") - rejected(before, "metrics", "request:too_large")).toBe(2);
    expect(after.rejections.find((r) => r.reason === "request:too_large")!.label).toBe("Body over the size limit (413)");
    // Most frequent first.
    expect(after.rejections.map((r) => r.count)).toEqual([...after.rejections.map((r) => r.count)].sort((a, b) => b - a));
  });
});
