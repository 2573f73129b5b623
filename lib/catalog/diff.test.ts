import { describe, expect, it } from "vitest";
import { diffFields, mergePatch } from "./diff";

describe("diffFields", () => {
  it("lists changed leaves by dotted path, sorted", () => {
    const before = { style: "sync", budget: { p50Ms: 40, p99Ms: 250 }, tags: ["pci"], resilience: null };
    const after = { style: "hybrid", budget: { p50Ms: 40, p99Ms: 300 }, tags: ["pci", "tier-1"], resilience: { timeoutMs: 300 } };
    expect(diffFields(before, after)).toEqual([
      { path: "budget.p99Ms", before: 250, after: 300 },
      { path: "resilience.timeoutMs", before: undefined, after: 300 },
      { path: "style", before: "sync", after: "hybrid" },
      { path: "tags", before: ["pci"], after: ["pci", "tier-1"] },
    ]);
  });
  it("is empty for equal values and treats a creation as all-new", () => {
    expect(diffFields({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(diffFields(null, { a: 1, b: { c: 2 } })).toEqual([
      { path: "a", before: undefined, after: 1 },
      { path: "b.c", before: undefined, after: 2 },
    ]);
  });
});

describe("mergePatch (RFC 7396)", () => {
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, { a: null }],
    [{ a: ["b"] }, { a: ["c", "d"] }, { a: ["c", "d"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d", c: null } }],
    [{ a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { b: 1, c: 3 } }],
    [{ a: null }, { a: { b: 1 } }, { a: { b: 1 } }],
    [{ a: 1 }, "replaced", "replaced"],
  ])("%j + %j = %j", (target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });
});
