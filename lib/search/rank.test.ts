import { describe, expect, it } from "vitest";
import { byTier, decisionNumberOf, likePatterns, matchTier, type MatchTier } from "./rank";

describe("matchTier", () => {
  const cases: [string, string[], MatchTier | null][] = [
    ["payments", ["payments", "Payments service"], "exact"],
    ["PAYMENTS", ["payments"], "exact"],
    ["  pay ", ["payments"], "prefix"],
    ["Payments", ["pay-gw", "Payments gateway"], "prefix"],
    ["ment", ["payments"], "substring"],
    ["me", ["payments"], null], // two characters: prefix only
    ["pa", ["payments"], "prefix"],
    ["xyz", ["payments"], null],
    ["", ["payments"], null],
    ["checkout->pay", ["checkout->payments:authorize"], "prefix"],
    ["authorize", ["checkout->payments:authorize"], "substring"],
  ];
  it.each(cases)("%j in %j → %s", (query, fields, want) => expect(matchTier(query, fields)).toBe(want));
});

describe("byTier", () => {
  it("orders exact, prefix, substring, then alphabetically", () => {
    const hits = [
      { tier: "substring" as const, sortText: "a" },
      { tier: "prefix" as const, sortText: "z" },
      { tier: "prefix" as const, sortText: "b" },
      { tier: "exact" as const, sortText: "y" },
    ];
    expect([...hits].sort(byTier).map((h) => `${h.tier}:${h.sortText}`)).toEqual(["exact:y", "prefix:b", "prefix:z", "substring:a"]);
  });
});

describe("decisionNumberOf", () => {
  const cases: [string, number | null][] = [
    ["ADR-0012", 12],
    ["adr12", 12],
    ["#7", 7],
    ["42", 42],
    ["0", null],
    ["ADR-", null],
    ["1e3", null],
    ["1234567890", null],
  ];
  it.each(cases)("%j → %s", (q, want) => expect(decisionNumberOf(q)).toBe(want));
});

describe("likePatterns", () => {
  it("lower-cases and escapes LIKE's wildcards", () => {
    expect(likePatterns(" A_b%c\\ ")).toEqual({ exact: "a_b%c\\", prefix: "a\\_b\\%c\\\\%", substring: "%a\\_b\\%c\\\\%" });
  });
});
