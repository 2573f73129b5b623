// The readiness verdict from what the probe read: which check fails, and what it says.
import { describe, expect, it } from "vitest";
import { judgeReadiness, type ReadinessFacts } from "./readiness";

const now = new Date("2026-12-04T12:00:00Z");
const facts = (over: Partial<ReadinessFacts> = {}): ReadinessFacts => ({ applied: ["a", "b"], shipped: ["a", "b"], rolledUntil: new Date("2026-12-04T11:55:00Z"), now, stallMinutes: 15, ...over });

describe("judgeReadiness", () => {
  it("is ready with every migration applied and the roll-up within its limit", () => {
    expect(judgeReadiness(facts())).toEqual({
      ready: true,
      checks: { database: { ok: true, detail: "reachable" }, migrations: { ok: true, detail: "2 applied" }, rollup: { ok: true, detail: "5 minutes behind" } },
    });
    // A fresh estate has nothing to roll up: that is no stall.
    expect(judgeReadiness(facts({ rolledUntil: null })).ready).toBe(true);
    // Applied migrations this build no longer ships (a newer build ran) do not block an older one.
    expect(judgeReadiness(facts({ applied: ["a", "b", "c"] })).ready).toBe(true);
  });

  it("names the migrations not applied", () => {
    const r = judgeReadiness(facts({ applied: ["a"], shipped: ["a", "b", "c", "d", "e"] }));
    expect(r.ready).toBe(false);
    expect(r.checks.migrations).toEqual({ ok: false, detail: "4 not applied: b, c, d, …" });
    expect(r.checks.database.ok).toBe(true);
  });

  it("fails a roll-up behind by more than the limit, and not one at it", () => {
    expect(judgeReadiness(facts({ rolledUntil: new Date("2026-12-04T11:45:00Z") })).checks.rollup).toEqual({ ok: true, detail: "15 minutes behind" });
    const stalled = judgeReadiness(facts({ rolledUntil: new Date("2026-12-04T11:44:00Z") }));
    expect(stalled.ready).toBe(false);
    expect(stalled.checks.rollup).toEqual({ ok: false, detail: "stalled: 16 minutes behind (limit 15)" });
  });

  it("fails every check when the database did not answer", () => {
    const r = judgeReadiness(facts({ applied: null, rolledUntil: null }));
    expect(r.ready).toBe(false);
    expect(Object.values(r.checks).map((c) => c.ok)).toEqual([false, false, false]);
  });
});
