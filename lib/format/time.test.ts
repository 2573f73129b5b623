import { describe, expect, it } from "vitest";
import { formatUtc } from "./time";

describe("formatUtc", () => {
  it.each([
    ["ISO text", "2026-12-03T17:59:31.326Z", {}, "2026-12-03 17:59 UTC"],
    ["ISO text with seconds", "2026-12-03T17:59:31.326Z", { seconds: true }, "2026-12-03 17:59:31 UTC"],
    ["an offset, written in UTC", "2026-12-03T18:59:31+01:00", {}, "2026-12-03 17:59 UTC"],
    ["epoch milliseconds", Date.UTC(2026, 0, 1, 0, 5, 9), { seconds: true }, "2026-01-01 00:05:09 UTC"],
  ] as const)("%s", (_name, at, options, expected) => {
    expect(formatUtc(at, options)).toBe(expected);
  });
});
