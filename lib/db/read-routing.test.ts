import { describe, expect, it } from "vitest";
import { eligibleReplicas, formatLsn, healthOf, parseLsn, WrittenAt, type ReplicaProbe } from "./read-routing";

const ok = (replayed: string, lagSeconds: number | null = 0): ReplicaProbe => ({ up: true, standby: true, replayed: parseLsn(replayed), lagSeconds });

describe("LSNs", () => {
  it("orders by the high half before the low half, as PostgreSQL's pg_lsn does", () => {
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn("0/3000060") < parseLsn("0/30000D8")).toBe(true);
  });

  it("prints back what it parsed", () => {
    for (const text of ["0/0", "16/B374D848", "FFFFFFFF/FFFFFFFF"]) expect(formatLsn(parseLsn(text))).toBe(text);
  });

  it("refuses what is not an LSN", () => {
    for (const bad of ["", "12", "0/", "/1", "G/1", "1/2/3", "123456789/0"]) expect(() => parseLsn(bad)).toThrow(/Not a PostgreSQL LSN/);
  });
});

describe("which replica may serve a read", () => {
  it("is none that is down, a primary, or further behind than allowed", () => {
    expect(healthOf({ up: false, standby: false, replayed: null, lagSeconds: null }, 30)).toBe("down");
    expect(healthOf({ up: true, standby: false, replayed: null, lagSeconds: 0 }, 30)).toBe("down");
    expect(healthOf(ok("0/10", 31), 30)).toBe("lagging");
    expect(healthOf(ok("0/10", null), 30)).toBe("lagging"); // unknown lag is not trusted
    expect(healthOf(ok("0/10", 30), 30)).toBe("ok");
    expect(eligibleReplicas([ok("0/10", 31), { up: false, standby: false, replayed: null, lagSeconds: null }, ok("0/10", 1)], 30, null)).toEqual([2]);
  });

  it("after a write, only those that replayed at least to its LSN", () => {
    const probes = [ok("0/100"), ok("0/200"), ok("1/0")];
    expect(eligibleReplicas(probes, 30, parseLsn("0/200"))).toEqual([1, 2]);
    expect(eligibleReplicas(probes, 30, parseLsn("1/1"))).toEqual([]);
    expect(eligibleReplicas([{ up: true, standby: true, replayed: null, lagSeconds: 0 }], 30, parseLsn("0/1"))).toEqual([]);
  });
});

describe("remembered writes", () => {
  it("keep the highest LSN a person wrote at, for a bounded time", () => {
    const written = new WrittenAt(() => 1000);
    written.note("ann", parseLsn("0/200"), 0);
    written.note("ann", parseLsn("0/100"), 10); // an older LSN never lowers the bar
    expect(written.lsnOf("ann", 500)).toBe(parseLsn("0/200"));
    expect(written.lsnOf("bob", 500)).toBeNull();
    expect(written.lsnOf("ann", 1010)).toBeNull();
  });

  it("forget the oldest writers first beyond their cap", () => {
    const written = new WrittenAt(() => 60_000, 2);
    written.note("a", 1n, 0);
    written.note("b", 2n, 1);
    written.note("a", 3n, 2); // a wrote again: now the newest
    written.note("c", 4n, 3);
    expect([written.lsnOf("a", 4), written.lsnOf("b", 4), written.lsnOf("c", 4)]).toEqual([3n, null, 4n]);
  });
});
