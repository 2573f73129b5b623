// The demo seed's retry storm (pure): attempts always add up to the bucket's calls, and the storm
// amplifies well past the retry-storm rule's 1.5 while normal traffic is one attempt per call.
import { describe, expect, it } from "vitest";
import { amplification, retryFigures } from "@/lib/telemetry/retries";
import { seededAttemptCounts } from "@/prisma/seed-telemetry";

describe("seededAttemptCounts", () => {
  it.each([0, 1, 2, 3, 5, 7, 11, 40, 399, 12_345])("a storm of %i attempts adds up exactly and never exceeds the declared 3", (count) => {
    const f = retryFigures(seededAttemptCounts(count, true));
    expect(f.attempts).toBe(count);
    expect(f.maxAttempts).toBeLessThanOrEqual(3);
  });
  it("amplifies about ×2 in a storm and ×1 otherwise", () => {
    expect(amplification(retryFigures(seededAttemptCounts(1000, true)))).toBe(1000 / (200 + 100 + 200));
    expect(seededAttemptCounts(1000, false)).toEqual({ "1": 1000 });
    expect(seededAttemptCounts(0, false)).toEqual({});
  });
});
