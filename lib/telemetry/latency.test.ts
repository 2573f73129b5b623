import { describe, expect, it } from "vitest";
import { latencyQuerySchema, resolutionFor } from "./latency";

describe("latency reads", () => {
  const now = Date.UTC(2026, 10, 28);
  const retention = { minuteDays: 14, hourDays: 400 };
  it.each([
    [now - 3_600_000, "minute"],
    [now - 14 * 86_400_000, "minute"],
    [now - 15 * 86_400_000, "hour"],
    [now - 400 * 86_400_000, "hour"],
    [now - 401 * 86_400_000, "day"],
  ] as const)("reads %s from the %s buckets", (fromMs, expected) => {
    expect(resolutionFor(fromMs, now, retention)).toBe(expected);
  });
  it("aligns the range to multiples of the step since the epoch", () => {
    const q = latencyQuerySchema.parse({ from: "2026-11-28T10:07:30Z", to: "2026-11-28T11:00:00Z", step: "5m" });
    expect(new Date(q.fromMs).toISOString()).toBe("2026-11-28T10:05:00.000Z");
    expect(q.stepMs).toBe(300_000);
  });
});
