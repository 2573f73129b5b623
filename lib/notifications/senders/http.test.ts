import { describe, expect, it } from "vitest";
import { parseRetryAfterMs, retryableStatus } from "./http";

const now = new Date("2026-12-03T12:00:00Z");

describe("retryableStatus", () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [410, false],
    [413, false],
    [422, false],
  ])("%i → %s", (status, retry) => expect(retryableStatus(status)).toBe(retry));
});

describe("parseRetryAfterMs", () => {
  it.each<[string | null | undefined, number | null]>([
    ["120", 120_000],
    ["0", 0],
    [" 7 ", 7000],
    ["Thu, 03 Dec 2026 12:01:30 GMT", 90_000],
    ["Thu, 03 Dec 2026 11:59:00 GMT", -60_000], // already past: the caller treats it as now
    ["Thursday, 03-Dec-26 12:00:10 GMT", 10_000], // RFC 850, obsolete but allowed
    ["Thu Dec  3 12:00:05 2026", 5000], // asctime: GMT by definition, not local time
    ["Thu, 03 Dec 2026 12:00:05", null], // a date without its zone
    ["1.5", null],
    ["-3", null],
    ["soon", null],
    ["", null],
    [null, null],
    [undefined, null],
  ])("%j → %s", (value, ms) => expect(parseRetryAfterMs(value, now)).toBe(ms));
});
