import { describe, expect, it } from "vitest";
import { calleeOf, edgeOf, matchIntegration, type TelemetryMatch } from "./attribute";
import { decodeTraces, OtlpDecodeError, type DecodedSpan } from "./otlp-json";

const TRACE = "5b8efff798038103d269b633813fc60c";
const attr = (key: string, value: Record<string, unknown>) => ({ key, value });

// Shaped like the trace example in the OTLP specification (opentelemetry-proto examples/trace.json).
const example = {
  resourceSpans: [
    {
      resource: { attributes: [attr("service.name", { stringValue: "my.service" })] },
      scopeSpans: [
        {
          scope: { name: "my.library", version: "1.0.0", attributes: [attr("my.scope.attribute", { stringValue: "some scope attribute" })] },
          spans: [
            {
              traceId: TRACE,
              spanId: "eee19b7ec3c1b174",
              parentSpanId: "eee19b7ec3c1b173",
              name: "I'm a server span",
              startTimeUnixNano: "1544712660000000000",
              endTimeUnixNano: "1544712661000000000",
              kind: 2,
              attributes: [attr("my.span.attr", { stringValue: "some value" })],
            },
          ],
        },
      ],
    },
  ],
};

function clientSpan(attributes: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", { stringValue: "checkout" })] },
        scopeSpans: [{ spans: [{ traceId: TRACE, spanId: "00f067aa0ba902b7", name: "authorize", kind: "SPAN_KIND_CLIENT", startTimeUnixNano: "1000000000", endTimeUnixNano: 1_012_500_000, attributes, ...extra }] }],
      },
    ],
  };
}

describe("decodeTraces", () => {
  it("decodes the specification's example", () => {
    const { spans, rejected } = decodeTraces(example);
    expect(rejected).toBe(0);
    expect(spans).toEqual([
      {
        traceId: TRACE,
        spanId: "eee19b7ec3c1b174",
        parentSpanId: "eee19b7ec3c1b173",
        name: "I'm a server span",
        kind: "server",
        serviceName: "my.service",
        startUnixNano: 1544712660000000000n,
        durationMs: 1000,
        error: false,
        attributes: { "my.span.attr": "some value" },
        links: [],
      },
    ]);
  });

  it("accepts numbers for int64 and names for enums; marks errors by status and by 5xx on client HTTP spans", () => {
    const [ok] = decodeTraces(clientSpan([attr("peer.service", { stringValue: "payments" })])).spans;
    expect(ok).toMatchObject({ kind: "client", durationMs: 12.5, error: false, serviceName: "checkout" });
    const [failed] = decodeTraces(clientSpan([], { status: { code: 2 } })).spans;
    expect(failed!.error).toBe(true);
    const [fiveHundred] = decodeTraces(clientSpan([attr("http.response.status_code", { intValue: "503" })])).spans;
    expect(fiveHundred!.error).toBe(true);
  });

  it("rejects bad spans one by one (partial success) and a malformed envelope as a whole", () => {
    const body = clientSpan([]);
    const spans = body.resourceSpans[0]!.scopeSpans[0]!.spans as Record<string, unknown>[];
    spans.push({ ...spans[0], spanId: "xyz" }, { ...spans[0], endTimeUnixNano: "1" }, { ...spans[0], kind: "SPAN_KIND_SIDEWAYS" }, { ...spans[0], startTimeUnixNano: -5 });
    const result = decodeTraces(body);
    expect(result.spans).toHaveLength(1);
    expect(result.rejected).toBe(4);
    expect(result.reasons).toEqual([
      "resourceSpans[0].scopeSpans[0].spans[1]: traceId/spanId must be 32/16 hex characters",
      "resourceSpans[0].scopeSpans[0].spans[2]: ends before it starts",
      'resourceSpans[0].scopeSpans[0].spans[3]: unknown span kind "SPAN_KIND_SIDEWAYS"',
      "resourceSpans[0].scopeSpans[0].spans[4]: start/endTimeUnixNano must be unsigned integers",
    ]);
    for (const bad of [null, [], "x", { resourceSpans: {} }, { resourceSpans: [1] }, { resourceSpans: [{ scopeSpans: [{ spans: [7] }] }] }]) {
      expect(() => decodeTraces(bad)).toThrow(OtlpDecodeError);
    }
    expect(decodeTraces({})).toEqual({ spans: [], rejected: 0, reasons: [], byReason: {} });
  });
});

describe("attribution", () => {
  const span = (kind: DecodedSpan["kind"], attributes: DecodedSpan["attributes"], serviceName = "checkout", name = "authorize"): DecodedSpan => ({
    traceId: TRACE, spanId: "00f067aa0ba902b7", parentSpanId: null, name, kind, serviceName, startUnixNano: 0n, durationMs: 1, error: false, attributes, links: [],
  });

  it.each([
    [{ "peer.service": "payments", "server.address": "pay.internal" }, "payments"],
    [{ "server.address": "pay.internal", "rpc.service": "Payments" }, "pay.internal"],
    [{ "rpc.service": "payments.v1.Payments" }, "payments.v1.Payments"],
    [{ "messaging.system": "kafka", "messaging.destination.name": "orders" }, "kafka:orders"],
    [{ "messaging.destination.name": "orders" }, "orders"],
    [{}, null],
  ])("callee of %j is %s", (attributes, expected) => {
    expect(calleeOf(span("client", attributes))).toBe(expected);
  });

  it("knows the side that measured the edge", () => {
    expect(edgeOf(span("client", { "peer.service": "payments" }))).toEqual({ source: "checkout", target: "payments", side: "client" });
    expect(edgeOf(span("server", { "client.service": "checkout" }, "payments"))).toEqual({ source: "checkout", target: "payments", side: "server" });
    expect(edgeOf(span("server", {}, "payments"))).toBeNull();
    expect(edgeOf(span("internal", { "peer.service": "x" }))).toBeNull();
  });

  it("matches declared integrations: operation-specific first, one side only", () => {
    const matches: TelemetryMatch[] = [
      { key: "checkout->payments:any", sourceName: "checkout", targetName: "payments", operation: null, side: "client" },
      { key: "checkout->payments:authorize", sourceName: "checkout", targetName: "payments", operation: "authorize", side: "client" },
      { key: "orders->payments:capture", sourceName: "orders", targetName: "payments", operation: null, side: "server" },
    ];
    expect(matchIntegration(span("client", { "peer.service": "payments" }), matches)).toBe("checkout->payments:authorize");
    expect(matchIntegration(span("client", { "peer.service": "payments" }, "checkout", "refund"), matches)).toBe("checkout->payments:any");
    // The server side of checkout → payments is not the declared side: not counted twice.
    expect(matchIntegration(span("server", { "client.service": "checkout" }, "payments"), matches)).toBeNull();
    expect(matchIntegration(span("server", { "client.service": "orders" }, "payments"), matches)).toBe("orders->payments:capture");
    expect(matchIntegration(span("client", { "peer.service": "ledger" }), matches)).toBeNull();
  });

  it("breaks ties between integrations on one edge by their declared operation", () => {
    const shared: TelemetryMatch[] = [
      { key: "checkout->orders:create-order", sourceName: "checkout", targetName: "orders", operation: null, declaredOperation: "create-order", side: "client" },
      { key: "checkout->orders:order-placed", sourceName: "checkout", targetName: "orders", operation: null, declaredOperation: "order-placed", side: "client" },
    ];
    expect(matchIntegration(span("client", { "peer.service": "orders" }, "checkout", "order-placed"), shared)).toBe("checkout->orders:order-placed");
    expect(matchIntegration(span("client", { "peer.service": "orders" }, "checkout", "create-order"), shared)).toBe("checkout->orders:create-order");
    expect(matchIntegration(span("client", { "peer.service": "orders" }, "checkout", "GET /orders"), shared)).toBe("checkout->orders:create-order");
  });
});
