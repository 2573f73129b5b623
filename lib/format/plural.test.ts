import { describe, expect, it } from "vitest";
import { plural, pluralNoun } from "./plural";

describe("plural", () => {
  it.each([
    [0, "approval", undefined, "0 approvals"],
    [1, "approval", undefined, "1 approval"],
    [2, "approval", undefined, "2 approvals"],
    [1.5, "day", undefined, "1.5 days"],
    [-1, "day", undefined, "-1 day"],
    [1204, "integration point", undefined, "1,204 integration points"],
    [1, "dependency", "dependencies", "1 dependency"],
    [3, "dependency", "dependencies", "3 dependencies"],
    [0, "match", "matches", "0 matches"],
  ])("writes %s %s", (n, one, many, text) => {
    expect(plural(n, one, many)).toBe(text);
  });
});

describe("pluralNoun", () => {
  it.each([
    [1, "finding", undefined, "finding"],
    [2, "finding", undefined, "findings"],
    [0, "finding", undefined, "findings"],
    [1, "it", "them", "it"],
    [7, "it", "them", "them"],
  ])("chooses the noun for %s", (n, one, many, text) => {
    expect(pluralNoun(n, one, many)).toBe(text);
  });
});
