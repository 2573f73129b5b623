import { describe, expect, it } from "vitest";
import { formatInZone, formatUtc, isKnownZone, isoInZone, UTC_ZONE, wallToInstant, zoneClock, zoneLabel } from "./time";

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

describe("times in a chosen zone", () => {
  const at = "2026-12-03T17:59:31.326Z";
  it.each([
    ["UTC", at, "UTC", {}, "2026-12-03 17:59 UTC"],
    ["a half-hour offset", at, "Asia/Kolkata", {}, "2026-12-03 23:29 UTC+05:30"],
    ["with seconds", at, "Asia/Kolkata", { seconds: true }, "2026-12-03 23:29:31 UTC+05:30"],
    ["west of UTC, across midnight", "2026-12-03T02:10:00Z", "America/New_York", {}, "2026-12-02 21:10 UTC-05:00"],
    ["summer time", "2026-07-01T12:00:00Z", "Europe/Berlin", {}, "2026-07-01 14:00 UTC+02:00"],
    ["winter time", "2026-12-01T12:00:00Z", "Europe/Berlin", {}, "2026-12-01 13:00 UTC+01:00"],
    ["a zone at UTC in winter", "2026-12-01T12:00:00Z", "Europe/London", {}, "2026-12-01 12:00 UTC"],
  ] as const)("formatInZone: %s", (_name, instant, zone, options, expected) => {
    expect(formatInZone(instant, zone, options)).toBe(expected);
  });

  it("writes what formatUtc writes when the zone is UTC", () => {
    for (const ms of [0, Date.UTC(2026, 11, 3, 17, 59, 31), Date.UTC(2024, 1, 29, 23, 59, 59)]) {
      expect(formatInZone(ms, UTC_ZONE, { seconds: true })).toBe(formatUtc(ms, { seconds: true }));
    }
  });

  it.each([
    ["UTC", "UTC", "2026-12-03T17:59:31Z"],
    ["Asia/Kolkata", "UTC+05:30", "2026-12-03T23:29:31+05:30"],
    ["America/St_Johns", "UTC-03:30", "2026-12-03T14:29:31-03:30"],
    ["Pacific/Kiritimati", "UTC+14:00", "2026-12-04T07:59:31+14:00"],
  ])("isoInZone and zoneLabel in %s", (zone, label, iso) => {
    expect(zoneLabel(at, zone)).toBe(label);
    expect(isoInZone(at, zone)).toBe(iso);
    // The same instant (to the second) read back.
    expect(Date.parse(isoInZone(at, zone))).toBe(Date.parse("2026-12-03T17:59:31Z"));
  });

  it("knows IANA zones and refuses made-up ones", () => {
    expect(isKnownZone("Asia/Kolkata")).toBe(true);
    expect(isKnownZone("UTC")).toBe(true);
    expect(isKnownZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("gives the wall clock and the offset, the day changing with the zone", () => {
    expect(zoneClock(Date.UTC(2026, 11, 31, 20, 0), "Asia/Tokyo")).toEqual({ wall: "2027-01-01T05:00:00", offsetMinutes: 540 });
  });
});

describe("wallToInstant: a datetime-local value read in a zone", () => {
  const cases: Array<[string, string, string, string]> = [
    // what, wall clock, zone, the instant
    ["UTC reads as written", "2026-12-03T17:59", "UTC", "2026-12-03T17:59:00.000Z"],
    ["seconds are kept", "2026-12-03T17:59:30", "UTC", "2026-12-03T17:59:30.000Z"],
    ["a half-hour offset", "2026-12-03T23:29", "Asia/Kolkata", "2026-12-03T17:59:00.000Z"],
    ["the day before in UTC", "2026-12-04T01:00", "Asia/Kolkata", "2026-12-03T19:30:00.000Z"],
    ["west of UTC, winter", "2026-01-15T09:00", "America/New_York", "2026-01-15T14:00:00.000Z"],
    ["west of UTC, summer", "2026-07-15T09:00", "America/New_York", "2026-07-15T13:00:00.000Z"],
    ["a time the spring gap skips lands after it", "2026-03-08T02:30", "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["a time the autumn repeats is its first occurrence", "2026-11-01T01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
    ["just after the repeat", "2026-11-01T02:00", "America/New_York", "2026-11-01T07:00:00.000Z"],
    ["across the date line", "2026-12-04T06:59", "Pacific/Auckland", "2026-12-03T17:59:00.000Z"],
  ];
  it.each(cases)("%s: %s in %s is %s", (_what, wall, zone, iso) => {
    expect(new Date(wallToInstant(wall, zone)).toISOString()).toBe(iso);
  });

  it("round-trips every quarter hour of a DST year through zoneClock", () => {
    for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 15 * 60_000) {
      for (const zone of ["Europe/Berlin", "Australia/Lord_Howe"]) {
        const wall = zoneClock(t, zone).wall;
        // A repeated wall clock names its first occurrence; every other one names the instant it came from.
        const back = wallToInstant(wall, zone);
        if (back !== t) expect(zoneClock(back, zone).wall, `${zone} ${wall}`).toBe(wall);
        if (back !== t) expect(back).toBeLessThan(t);
      }
    }
  });

  it("answers NaN for what is not a wall clock", () => {
    for (const bad of ["", "2026-12-03", "2026-12-03 17:59", "2026-13-03T17:59", "2026-12-03T17:59Z", "yesterday"]) expect(wallToInstant(bad, "UTC"), bad).toBeNaN();
  });
});
