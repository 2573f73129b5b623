import { describe, expect, it } from "vitest";
import { computeView, drawableEdges, filterFromParams, filterQuery, groupSystem, groupTeam, NO_FILTER, normaliseFilter, type MapFilter } from "./graph-view";
import type { MapEdge, MapJourney, MapNode } from "./map-types";

// a(t1) → b(t1) → c(t2) → d(t3);  e(t3) → d;  f(t4) alone;  b → ghost (unknown service)
const node = (id: string, team: string): MapNode => ({ id, label: id, team, teamName: team.toUpperCase(), tier: 2 });
const edge = (source: string, target: string): MapEdge => ({
  id: `${source}->${target}:op`, source, target, style: "sync", lifecycle: "active", status: "ok", protocol: "http",
});
const nodes = [node("a", "t1"), node("b", "t1"), node("c", "t2"), node("d", "t3"), node("e", "t3"), node("f", "t4")];
const edges = [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("e", "d"), edge("b", "ghost")];
const journeys: MapJourney[] = [
  { slug: "buy", name: "Buy", keys: ["a->b:op", "b->c:op", "c->d:op"] },
  { slug: "gone", name: "Gone", keys: ["x->y:op"] },
];
const sorted = (s: Set<string>) => [...s].sort();
const f = (team: string | null, journey: string | null, more: Partial<MapFilter> = {}): MapFilter => ({ ...NO_FILTER, team, journey, ...more });

describe("drawableEdges", () => {
  it("drops edges to unknown services", () => {
    expect(drawableEdges(nodes, edges).map((e) => e.id)).toEqual(["a->b:op", "b->c:op", "c->d:op", "e->d:op"]);
  });
});

describe("normaliseFilter", () => {
  const teams = [{ slug: "t1", name: "T1" }];
  it.each([
    [f("t1", "buy"), f("t1", "buy")],
    [f("nope", "buy"), f(null, "buy")],
    [f("t1", "nope"), f("t1", null)],
    [f("", ""), f(null, null)],
  ])("%o → %o", (input, expected) => {
    expect(normaliseFilter(input, teams, journeys)).toEqual(expected);
  });
});

describe("computeView", () => {
  it.each([
    // filter, shown nodes, shown edges, focus nodes, focus edges, team nodes, journey keys outside view
    [f(null, null), "abcdef", ["a->b:op", "b->c:op", "c->d:op", "e->d:op"], "abcdef", 4, "", 0],
    // t1 = a, b; neighbour c; the b → ghost edge is not drawable
    [f("t1", null), "abc", ["a->b:op", "b->c:op"], "abc", 2, "ab", 0],
    // t3 = d, e (both ends of e → d) plus neighbour c; f is t4 and never shown for t3
    [f("t3", null), "cde", ["c->d:op", "e->d:op"], "cde", 2, "de", 0],
    // a team with no integration points still shows its services
    [f("t4", null), "f", [], "f", 0, "f", 0],
    [f(null, "buy"), "abcdef", ["a->b:op", "b->c:op", "c->d:op", "e->d:op"], "abcd", 3, "", 0],
    // journey within a team view: c → d is not shown for t1, so it is outside the view
    [f("t1", "buy"), "abc", ["a->b:op", "b->c:op"], "abc", 2, "ab", 1],
    [f(null, "gone"), "abcdef", ["a->b:op", "b->c:op", "c->d:op", "e->d:op"], "", 0, "", 1],
    // a focused service (the server cut its neighbourhood) is drawn filled; an unknown one marks nothing
    [f(null, null, { focus: "c" }), "abcdef", ["a->b:op", "b->c:op", "c->d:op", "e->d:op"], "abcdef", 4, "c", 0],
    [f(null, null, { focus: "zz" }), "abcdef", ["a->b:op", "b->c:op", "c->d:op", "e->d:op"], "abcdef", 4, "", 0],
  ])("%o", (filter, shownNodes, shownEdges, focusNodes, focusEdgeCount, teamNodes, outside) => {
    const view = computeView(nodes, edges, journeys, filter);
    expect(sorted(view.shownNodes).join("")).toBe(shownNodes);
    expect(sorted(view.shownEdges)).toEqual(shownEdges);
    expect(sorted(view.focusNodes).join("")).toBe(focusNodes);
    expect(view.focusEdges.size).toBe(focusEdgeCount);
    expect(sorted(view.teamNodes).join("")).toBe(teamNodes);
    expect(view.journeyKeysOutsideView).toBe(outside);
  });

  it("keys the layout by team only, so a journey change keeps positions", () => {
    expect(computeView(nodes, edges, journeys, f("t1", "buy")).layoutKey).toBe(
      computeView(nodes, edges, journeys, f("t1", null)).layoutKey,
    );
    expect(computeView(nodes, edges, journeys, f(null, null)).layoutKey).not.toBe("t1");
  });
});

describe("filterFromParams / filterQuery", () => {
  const none = f(null, null);
  const mine = f("t1", null);
  it.each([
    // query, initial filter, expected filter
    ["", none, none],
    ["team=t2&journey=buy", none, f("t2", "buy")],
    ["", mine, mine], // no parameter: the page's initial team
    ["team=", mine, none], // explicitly all teams beats the initial team
    ["team=t2", mine, f("t2", null)],
    ["focus=payments&hops=2&group=team", none, f(null, null, { focus: "payments", hops: "2", group: "team" })],
  ])("?%s with initial %o", (query, initial, expected) => {
    expect(filterFromParams(new URLSearchParams(query), initial)).toEqual(expected);
  });

  it.each([
    // current query, next filter, initial filter, expected query
    ["", f("t1", null), none, "team=t1"],
    ["team=t1", none, none, ""],
    ["tab=x&team=t1", f("t1", "buy"), none, "tab=x&team=t1&journey=buy"],
    ["team=t1", none, mine, "team="], // clearing the initial team must be written down
    ["journey=buy", f("t1", null), mine, "team=t1"],
  ])("%s → %o (initial %o) = %s", (current, next, initial, expected) => {
    expect(filterQuery(current, next, initial)).toBe(expected);
  });

  it("round-trips: what filterQuery writes, filterFromParams reads back", () => {
    for (const next of [none, mine, f("t2", "buy"), f(null, "buy"), f(null, null, { focus: "payments", hops: "2" }), f(null, null, { group: "none" }), f(null, null, { group: "system", system: "billing" })]) {
      expect(filterFromParams(new URLSearchParams(filterQuery("", next, mine)), mine)).toEqual(next);
    }
  });
});

describe("groupTeam", () => {
  it("names the team of a group node, and nothing for a service", () => {
    expect(groupTeam("team:checkout-team")).toBe("checkout-team");
    expect(groupTeam("checkout")).toBeNull();
    expect(groupTeam("system:payments")).toBeNull();
  });
});

describe("groupSystem", () => {
  it("names the system of a system group, empty for the services that name none, and nothing otherwise", () => {
    expect(groupSystem("system:payments-platform")).toBe("payments-platform");
    expect(groupSystem("system:")).toBe("");
    expect(groupSystem("team:payments")).toBeNull();
    expect(groupSystem("payments")).toBeNull();
  });
});
