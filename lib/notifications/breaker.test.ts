import { describe, expect, it } from "vitest";
import { beginProbe, CLOSED, DEFAULT_BREAKER_POLICY as policy, mayAttempt, onFailure, onSuccess, reopensAt, type BreakerState } from "./breaker";

const t0 = new Date("2026-12-03T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const failTimes = (n: number, s: BreakerState = CLOSED) => {
  for (let i = 0; i < n; i++) s = onFailure(s, at(i), policy);
  return s;
};

describe("closed", () => {
  it("defaults: 5 failures, 60 s open", () => expect(policy).toEqual({ failureThreshold: 5, openMs: 60_000 }));
  it("allows attempts and counts failures below the threshold", () => {
    const s = failTimes(4);
    expect(s).toEqual({ state: "closed", consecutiveFailures: 4, openedAt: null });
    expect(mayAttempt(s, at(10), policy)).toEqual({ allowed: true, probe: false });
  });
  it("a success resets the count, so only consecutive failures open it", () => {
    const s = failTimes(4, onSuccess(failTimes(4)));
    expect(s.state).toBe("closed");
    expect(s.consecutiveFailures).toBe(4);
  });
  it("the 5th consecutive failure opens it at that moment", () => {
    expect(failTimes(5)).toEqual({ state: "open", consecutiveFailures: 5, openedAt: at(4) });
  });
  it("reopensAt is null while closed", () => expect(reopensAt(failTimes(3), policy)).toBeNull());
});

describe("open", () => {
  const open = failTimes(5); // opened at t0+4 ms
  it.each([
    [4, false],
    [30_000, false],
    [60_003, false],
    [60_004, true],
    [600_000, true],
  ])("at t0+%i ms an attempt is allowed: %s (only as a probe)", (ms, allowed) => {
    expect(mayAttempt(open, at(ms), policy)).toEqual({ allowed, probe: allowed });
  });
  it("reopensAt is openedAt + openMs", () => expect(reopensAt(open, policy)).toEqual(at(60_004)));
  it("a late failure keeps the opening time (does not extend the wait)", () => {
    expect(onFailure(open, at(50_000), policy)).toEqual({ state: "open", consecutiveFailures: 6, openedAt: at(4) });
  });
  it("a late success (an attempt started before it opened) closes it", () => {
    expect(onSuccess(open)).toEqual(CLOSED);
  });
});

describe("half-open: exactly one probe", () => {
  const open = failTimes(5);
  const probing = beginProbe(open, at(61_000));
  it("records the probe", () => expect(probing).toEqual({ state: "half-open", consecutiveFailures: 5, openedAt: at(61_000) }));
  it("lets nothing else through while the probe is out", () => {
    expect(mayAttempt(probing, at(61_001), policy)).toEqual({ allowed: false, probe: false });
    expect(mayAttempt(probing, at(120_999), policy)).toEqual({ allowed: false, probe: false });
  });
  it("a probe that never reports back is replaced after another openMs", () => {
    expect(mayAttempt(probing, at(121_000), policy)).toEqual({ allowed: true, probe: true });
  });
  it("probe success closes it", () => {
    const closed = onSuccess(probing);
    expect(closed).toEqual(CLOSED);
    expect(mayAttempt(closed, at(61_500), policy)).toEqual({ allowed: true, probe: false });
  });
  it("probe failure reopens it for another full openMs from the failure", () => {
    const reopened = onFailure(probing, at(62_000), policy);
    expect(reopened).toEqual({ state: "open", consecutiveFailures: 6, openedAt: at(62_000) });
    expect(mayAttempt(reopened, at(121_999), policy).allowed).toBe(false);
    expect(mayAttempt(reopened, at(122_000), policy)).toEqual({ allowed: true, probe: true });
  });
  it("an open state without a time (hand-edited row) lets a probe through rather than waiting forever", () => {
    expect(mayAttempt({ state: "open", consecutiveFailures: 5, openedAt: null }, t0, policy)).toEqual({ allowed: true, probe: true });
  });
});
