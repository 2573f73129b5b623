import { describe, expect, it } from "vitest";
import { healthEvents, type HealthSnapshot } from "./health-events";
import type { SloHealth } from "./health";

const rates = { "5m": 20, "30m": 20, "1h": 20, "2h": 20, "6h": 20, "1d": 20, "3d": 20 };
const sloh = (alert: SloHealth["alert"], episode?: SloHealth["episode"]): SloHealth => ({ targetPercent: 99.9, burnRates: rates, alert, remainingPercent: 50, episode });
const snap = (status: HealthSnapshot["status"], availability: SloHealth, statusSince: string | null = null): HealthSnapshot => ({
  status,
  slo: { availability, latency: sloh("ok"), windowCalls: 10, windowErrors: 1, statusSince },
});
const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
const run = (before: HealthSnapshot | null, after: HealthSnapshot, m: number) =>
  healthEvents({ key: "a->b:op", team: "t", before, after, reasons: [], p99Ms24h: 10, budgetP99Ms: 100, drift: null, now: at(m), appUrl: "http://app" });

describe("healthEvents", () => {
  it("fires once per episode, keeps it through escalation, and resolves it with the same episode start", () => {
    const t0 = at(0).toISOString();
    const first = run(snap("ok", sloh("ok")), snap("ok", sloh("ticket")), 0);
    expect(first.events.map((e) => e.id)).toEqual([`slo.alert:a->b:op:availability:${t0}:firing`]);
    expect(first.events[0]!.severity).toBe("warning");
    expect(first.events[0]!.link).toBe("http://app/catalog/a-%3Eb%3Aop");
    const escalated = run({ status: "ok", slo: first.slo }, snap("ok", sloh("page")), 1);
    expect(escalated.events).toEqual([]);
    expect(escalated.slo.availability.episode).toEqual({ since: t0, severity: "warning" });
    const resolved = run({ status: "ok", slo: escalated.slo }, snap("ok", sloh("ok")), 2);
    expect(resolved.events.map((e) => [e.id, e.state, e.severity])).toEqual([[`slo.alert:a->b:op:availability:${t0}:resolved`, "resolved", "warning"]]);
    expect(resolved.slo.availability.episode).toBeNull();
  });

  it("a page fires as critical; an ok that stays ok fires nothing", () => {
    expect(run(null, snap("ok", sloh("page")), 0).events.map((e) => e.severity)).toEqual(["critical"]);
    expect(run(snap("ok", sloh("ok")), snap("ok", sloh("ok")), 0).events).toEqual([]);
  });

  it("status episodes: breaching fires, moving to at risk resolves it and fires the new one, recovery resolves", () => {
    const b = run(snap("ok", sloh("ok")), snap("breaching", sloh("ok")), 0);
    expect(b.events.map((e) => [e.type, e.state, e.severity])).toEqual([["integration.status", "firing", "critical"]]);
    expect(b.slo.statusSince).toBe(at(0).toISOString());
    const same = run({ status: "breaching", slo: b.slo }, snap("breaching", sloh("ok")), 1);
    expect(same.events).toEqual([]);
    const w = run({ status: "breaching", slo: same.slo }, snap("warning", sloh("ok")), 2);
    expect(w.events.map((e) => e.id)).toEqual([
      `integration.status:a->b:op:breaching:${at(0).toISOString()}:resolved`,
      `integration.status:a->b:op:warning:${at(2).toISOString()}:firing`,
    ]);
    const ok = run({ status: "warning", slo: w.slo }, snap("ok", sloh("ok")), 3);
    expect(ok.events.map((e) => [e.id, e.severity])).toEqual([[`integration.status:a->b:op:warning:${at(2).toISOString()}:resolved`, "warning"]]);
    expect(ok.slo.statusSince).toBeNull();
  });

  it("a bad status seen before episodes were recorded opens one (and no resolve without a firing)", () => {
    expect(run(snap("silent", sloh("ok")), snap("silent", sloh("ok")), 0).events.map((e) => e.state)).toEqual(["firing"]);
    expect(run(snap("silent", sloh("ok")), snap("ok", sloh("ok")), 0).events).toEqual([]);
  });

  it("drift: a new change point reports once; a breach newly projected within 14 days reports once", () => {
    const figures = { baselineP99Ms: 50, recent24hP99Ms: 80, recent7dP99Ms: 70, changeMs: 20, changePercent: 40, slopePercentPerDay: 3, overBudget: false, lastEpisode: null };
    const drift = (driftingSince: string | null, daysToBreach: number | null) => ({ ...figures, driftingSince, daysToBreach, projectedBreachAt: daysToBreach === null ? null : "2026-01-10" });
    const go = (before: HealthSnapshot | null, d: ReturnType<typeof drift>, m: number) =>
      healthEvents({ key: "a->b:op", team: "t", before, after: snap("ok", sloh("ok")), reasons: [], p99Ms24h: 10, budgetP99Ms: 100, drift: d, now: at(m), appUrl: "http://app" });
    const first = go(snap("ok", sloh("ok")), drift("2025-12-20", 30), 0);
    expect(first.events.map((e) => e.id)).toEqual(["drift.detected:a->b:op:change:2025-12-20"]);
    const again = go({ status: "ok", slo: first.slo }, drift("2025-12-20", 10), 1);
    expect(again.events.map((e) => e.id)).toEqual([`drift.detected:a->b:op:breach:${at(1).toISOString()}`]);
    const still = go({ status: "ok", slo: again.slo }, drift("2025-12-20", 9), 2);
    expect(still.events).toEqual([]);
    const moved = go({ status: "ok", slo: still.slo }, drift("2025-12-28", 40), 3);
    expect(moved.events.map((e) => e.id)).toEqual(["drift.detected:a->b:op:change:2025-12-28"]);
    expect(moved.slo.breachProjectedSince).toBeNull();
  });
});
