import { describe, expect, it } from "vitest";
import { groupFindings, orderFindings } from "./finding-groups";
import { pageOfFindings } from "./finding-page";

type S = "error" | "warning" | "info";
const f = (id: string, rule: string, team: string | null, integration: string | null, severity: S, waived = false) => ({ id, rule, team, integration, severity, waived });

// As evaluated. Per rule: timeout 2 open errors + 1 waived; retries 1 open warning, 1 open error;
// dlq 2 open warnings; budget (journey-wide, no integration) 1 open error.
const all = [
  f("t1", "timeout", "pay", "a->b:x", "error"),
  f("d1", "dlq", "ship", "c->d:y", "warning"),
  f("r1", "retries", "pay", "a->b:x", "warning"),
  f("t2", "timeout", "ship", "c->d:y", "error", true),
  f("b1", "budget", "pay", null, "error"),
  f("t3", "timeout", "ship", "e->f:z", "error"),
  f("d2", "dlq", "ship", "e->f:z", "warning"),
  f("r2", "retries", null, "g->h:w", "error"),
];
const ids = (items: { id: string }[]) => items.map((x) => x.id);

describe("groupFindings", () => {
  it("counts each rule's findings and orders by open errors, then warnings", () => {
    expect(groupFindings(all, "rule")).toEqual([
      { key: "timeout", total: 3, waived: 1, open: { error: 2, warning: 0, info: 0 } },
      // retries and budget both have 1 open error; retries' open warning puts it first.
      { key: "retries", total: 2, waived: 0, open: { error: 1, warning: 1, info: 0 } },
      { key: "budget", total: 1, waived: 0, open: { error: 1, warning: 0, info: 0 } },
      { key: "dlq", total: 2, waived: 0, open: { error: 0, warning: 2, info: 0 } },
    ]);
  });

  it("groups by team, findings without a team last among equals", () => {
    expect(groupFindings(all, "team").map((g) => [g.key, g.total, g.open.error, g.waived])).toEqual([
      ["pay", 3, 2, 0],
      ["ship", 4, 1, 1],
      [null, 1, 1, 0],
    ]);
  });

  it("groups by integration point; journey-wide findings form the null group", () => {
    expect(groupFindings(all, "integration").map((g) => [g.key, g.total])).toEqual([
      // a->b:x, e->f:z and g->h:w and null each have 1 open error; a->b:x and e->f:z a warning too; ties by key, null last.
      ["a->b:x", 2],
      ["e->f:z", 2],
      ["g->h:w", 1],
      [null, 1],
      ["c->d:y", 2],
    ]);
  });

  it("answers no groups for no findings", () => {
    expect(groupFindings([], "rule")).toEqual([]);
  });
});

describe("orderFindings", () => {
  it("keeps groups together in group order, errors first and open before waived inside", () => {
    expect(ids(orderFindings(all, "rule"))).toEqual(["t1", "t3", "t2", "r2", "r1", "b1", "d1", "d2"]);
  });

  it("without a grouping orders by severity, open before waived, then as evaluated", () => {
    expect(ids(orderFindings(all))).toEqual(["t1", "b1", "t3", "r2", "t2", "d1", "r1", "d2"]);
  });

  it("cuts pages from the grouped order", () => {
    const second = pageOfFindings(all, 2, 3, "rule");
    expect(ids(second.items)).toEqual(["r2", "r1", "b1"]);
    expect([second.page, second.pages, second.from, second.to]).toEqual([2, 3, 4, 6]);
  });
});
