import { describe, expect, it } from "vitest";
import type { TelemetryMatch } from "./attribute";
import { capTraces, EdgeCap } from "./edge-cap";
import type { DecodedSpan } from "./otlp-json";

const H = 3_600_000;

describe("EdgeCap", () => {
  it.each([
    // [perTokenHour, total, known, admissions as [token, key, atMs], expected reasons]
    ["known edges are always admitted", 1, 1, ["edge:a->b"], [["t", "edge:a->b", 0], ["t", "edge:a->b", 1]], [null, null]],
    ["a token's new edges up to its hourly cap", 2, 100, [], [["t", "edge:a->1", 0], ["t", "edge:a->2", 1], ["t", "edge:a->3", 2], ["u", "edge:a->3", 3]], [null, null, "edge_cap_token", null]],
    ["an admitted edge is known afterwards, whoever sends it", 1, 100, [], [["t", "edge:a->1", 0], ["u", "edge:a->1", 1], ["t", "edge:a->1", 2]], [null, null, null]],
    ["the hour slides: a token's place frees an hour after its edge", 1, 100, [], [["t", "edge:a->1", 0], ["t", "edge:a->2", H - 1], ["t", "edge:a->2", H]], [null, "edge_cap_token", null]],
    ["the estate's total, counting the stored edges", 100, 2, ["edge:x->y"], [["t", "edge:a->1", 0], ["u", "edge:a->2", 1], ["t", "edge:x->y", 2]], [null, "edge_cap_total", null]],
  ] as const)("%s", (_, perToken, total, known, admissions, expected) => {
    const cap = new EdgeCap(perToken, total, known);
    expect(admissions.map(([token, key, at]) => cap.admit(token, key, at))).toEqual(expected);
  });

  it("refresh keeps the stored edges and those admitted since, dropping pruned ones", () => {
    const cap = new EdgeCap(10, 3, ["edge:old->gone", "edge:a->b"]);
    expect(cap.admit("t", "edge:new->one", 1000)).toBeNull();
    cap.refresh(["edge:a->b", "edge:other->server"], 500);
    expect(cap.size).toBe(3); // a->b, other->server, new->one (admitted after 500)
    expect(cap.admit("t", "edge:c->d", 2000)).toBe("edge_cap_total");
    cap.refresh(["edge:a->b"], 5000);
    expect(cap.size).toBe(1);
  });
});

describe("EdgeCap reservations", () => {
  it("a failed attempt gives its new edges' places back to the token and the estate; a committed one keeps them", () => {
    const cap = new EdgeCap(2, 3, ["edge:s->stored"]);
    const failed = new Set<string>();
    expect([cap.admit("t", "edge:a->1", 0, failed), cap.admit("t", "edge:a->2", 1, failed), cap.admit("t", "edge:a->3", 2)]).toEqual([null, null, "edge_cap_token"]);
    expect(cap.size).toBe(3); // pending places count, so a concurrent request cannot pass the cap
    cap.settle(failed, false);
    expect(cap.size).toBe(1);
    const made = new Set<string>();
    expect([cap.admit("t", "edge:a->3", 3, made), cap.admit("t", "edge:a->3", 4, made), cap.admit("t", "edge:a->4", 5, made)]).toEqual([null, null, null]);
    cap.settle(made, true);
    expect([cap.size, cap.admit("t", "edge:a->5", 6)]).toEqual([3, "edge_cap_token"]);
    expect(cap.admit("u", "edge:a->5", 7)).toBe("edge_cap_total");
  });

  it("an edge two attempts write stays while either commits, and goes only when both fail", () => {
    const cap = new EdgeCap(5, 10);
    const [x, y] = [new Set<string>(), new Set<string>()];
    cap.admit("t", "edge:a->1", 0, x);
    cap.admit("u", "edge:a->1", 1, y);
    cap.settle(x, false);
    expect(cap.size).toBe(1); // y still holds it
    cap.settle(y, true);
    cap.settle(new Set(["edge:a->1"]), false); // a late failure of a settled edge changes nothing
    expect(cap.size).toBe(1);
    const [p, q] = [new Set<string>(), new Set<string>()];
    cap.admit("t", "edge:b->1", 2, p);
    cap.admit("t", "edge:b->1", 3, q);
    cap.settle(p, false);
    cap.settle(q, false);
    expect(cap.size).toBe(1);
    // The token's hour holds a->1 only: four more places.
    expect(["2", "3", "4", "5", "6"].map((n) => cap.admit("t", `edge:c->${n}`, 4))).toEqual([null, null, null, null, "edge_cap_token"]);
  });

  it("refresh keeps pending edges known", () => {
    const cap = new EdgeCap(5, 10);
    const x = new Set<string>();
    cap.admit("t", "edge:a->1", 0, x);
    cap.refresh([], 10_000);
    expect(cap.size).toBe(1);
    cap.settle(x, false);
    expect(cap.size).toBe(0);
  });
});

describe("capTraces", () => {
  const span = (service: string, peer: string, kind: DecodedSpan["kind"] = "client"): DecodedSpan => ({
    traceId: "a".repeat(32), spanId: "b".repeat(16), parentSpanId: null, name: "call", kind, serviceName: service, startUnixNano: 0n, durationMs: 1, error: false, attributes: { "peer.service": peer }, links: [],
  });
  const matches: TelemetryMatch[] = [{ key: "int-1", sourceName: "checkout", targetName: "payments", operation: null, side: "client" }];

  it("never refuses declared traffic or spans that start no series, and rejects each span of a refused edge", () => {
    const cap = new EdgeCap(1, 100);
    const request = { spans: [span("checkout", "payments"), span("x", "new1"), span("x", "new2"), span("x", "new2"), span("x", "new1"), span("y", "z", "server")], rejected: 0, reasons: [], byReason: {} };
    const out = capTraces(request, matches, cap, "token", 0);
    expect(out.spans.map((s) => `${s.serviceName}->${s.attributes["peer.service"]}`)).toEqual(["checkout->payments", "x->new1", "x->new1", "y->z"]);
    expect(out.rejected).toBe(2);
    expect(out.byReason).toEqual({ edge_cap_token: 2 });
    expect(out.reasons[0]).toBe("a span: a new observed edge beyond this token's 1 per hour");
  });
});
