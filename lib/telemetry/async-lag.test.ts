import { describe, expect, it } from "vitest";
import { deliveryIntegration, lagHalves, lagObservations, mayPair, pairHalves } from "./async-lag";
import type { TelemetryMatch } from "./attribute";
import { addLags, foldSpans } from "./fold";
import type { DecodedSpan } from "./otlp-json";

const T = 1_764_000_000_000_000_000n; // a minute boundary, in ns
const ms = (n: number) => BigInt(n) * 1_000_000n;

function span(kind: DecodedSpan["kind"], service: string, spanId: string, startNs: bigint, extra: Partial<DecodedSpan> = {}): DecodedSpan {
  return { traceId: "a".repeat(32), spanId: spanId.padStart(16, "0"), parentSpanId: null, name: "op", kind, serviceName: service, startUnixNano: startNs, durationMs: 3, error: false, attributes: {}, links: [], ...extra };
}
const producer = (service: string, id: string, startNs: bigint, destination = "order-ready") => span("producer", service, id, startNs, { attributes: { "messaging.destination.name": destination, "messaging.system": "kafka" } });
const consumer = (service: string, id: string, startNs: bigint, parent: string | null, links: string[] = [], error = false) =>
  span("consumer", service, id, startNs, { parentSpanId: parent?.padStart(16, "0") ?? null, links: links.map((l) => ({ traceId: "a".repeat(32), spanId: l.padStart(16, "0") })), error });

const matches: TelemetryMatch[] = [
  { key: "orders->shipping", sourceName: "orders", targetName: "shipping", operation: null, declaredOperation: "order-ready", side: "client", lag: true },
  { key: "orders->notifications", sourceName: "orders", targetName: "notifications", operation: null, declaredOperation: "order-confirmed", side: "client", lag: true },
  { key: "orders->notifications:email", sourceName: "orders", targetName: "notifications", operation: "email-outbox", side: "client", lag: true },
  { key: "checkout->orders", sourceName: "checkout", targetName: "orders", operation: null, side: "client" },
];

describe("lagHalves", () => {
  it("keeps producers once and a consumer once per distinct span it references", () => {
    const halves = lagHalves([producer("orders", "1", T), consumer("shipping", "2", T + ms(40), "1", ["1", "9"]), span("client", "orders", "3", T)]);
    expect(halves.map((h) => [h.role, h.ref.spanId.replace(/^0+/, ""), h.operation])).toEqual([
      ["producer", "1", "order-ready"],
      ["consumer", "1", "op"],
      ["consumer", "9", "op"],
    ]);
  });
});

describe("pairing and lag", () => {
  it("pairs by reference, fans one event out to several consumers, and leaves the rest unpaired", () => {
    const halves = lagHalves([producer("orders", "1", T), consumer("shipping", "2", T + ms(1500), "1"), consumer("notifications", "3", T + ms(61_000), null, ["1"]), consumer("shipping", "4", T, "77")]);
    const { deliveries, unpaired } = pairHalves(halves.filter((h) => h.role === "producer"), halves.filter((h) => h.role === "consumer"));
    expect(deliveries).toHaveLength(2);
    expect(unpaired.map((u) => u.spanId.replace(/^0+/, ""))).toEqual(["4"]);
    const observations = lagObservations(deliveries, matches);
    expect(observations).toMatchObject([
      { seriesKey: "orders->shipping", startMs: Number(T / 1_000_000n), lagMs: 1500, error: false },
      // The consumer started in the next minute: the lag lands in that minute.
      { seriesKey: "orders->notifications", startMs: Number(T / 1_000_000n) + 60_000, lagMs: 61_000, error: false },
    ]);
  });

  it("counts a consumer that starts before its producer (clock skew) as no lag, and carries the consumer's error", () => {
    const halves = lagHalves([producer("orders", "1", T + ms(5)), consumer("shipping", "2", T, "1", [], true)]);
    const { deliveries } = pairHalves([halves[0]!], [halves[1]!]);
    expect(lagObservations(deliveries, matches)).toEqual([
      // The consumer's span is the delivery's exemplar: its trace is the one to open.
      { seriesKey: "orders->shipping", startMs: Number(T / 1_000_000n), lagMs: 0, error: true, exemplar: { traceId: "a".repeat(32), spanId: "2".padStart(16, "0"), atMs: Number(T / 1_000_000n) } },
    ]);
  });

  it("breaks ties like spans do: a named operation, then the declared one, and ignores synchronous matches", () => {
    const d = (destination: string, to: string) => {
      const [p, c] = lagHalves([producer("orders", "1", T, destination), consumer(to, "2", T, "1")]);
      return deliveryIntegration({ producer: p!, consumer: c! }, matches);
    };
    expect(d("email-outbox", "notifications")).toBe("orders->notifications:email");
    expect(d("order-confirmed", "notifications")).toBe("orders->notifications");
    expect(d("something-else", "notifications")).toBe("orders->notifications");
    expect(d("order-ready", "billing")).toBeNull();
    const [p, c] = lagHalves([producer("checkout", "1", T), consumer("orders", "2", T, "1")]);
    expect(deliveryIntegration({ producer: p!, consumer: c! }, matches)).toBeNull();
  });

  it("keeps only halves that could belong to a declared asynchronous integration", () => {
    const [p1, p2, c1, c2] = lagHalves([producer("orders", "1", T), producer("checkout", "2", T), consumer("shipping", "3", T, "1"), consumer("orders", "4", T, "2")]);
    expect([p1, p2, c1, c2].map((h) => mayPair(h!, matches))).toEqual([true, false, true, false]);
  });
});

describe("foldSpans with deliveries", () => {
  it("measures an asynchronous integration by lag only, never by its single spans", () => {
    const spans = [span("client", "orders", "1", T, { attributes: { "peer.service": "shipping" }, name: "order-ready", durationMs: 2 })];
    const folded = foldSpans(spans, matches);
    expect(folded.unattributed).toBe(1);
    expect(folded.buckets).toHaveLength(0);
    const buckets = addLags(folded.buckets, [{ seriesKey: "orders->shipping", startMs: Number(T / 1_000_000n), lagMs: 900, error: false }]);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ seriesKey: "orders->shipping", count: 1, errors: 0 });
    expect(buckets[0]!.histogram.maxMs).toBe(900);
  });
});
