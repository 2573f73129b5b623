import { describe, expect, it } from "vitest";
import type { SearchResult } from "@/lib/search/search";
import { NAV_ITEMS } from "./nav-items";
import { activeOption, optionId, paletteGroups, paletteStatus, stepOption, type PaletteOption } from "./palette-groups";

const hit = (kind: "integration" | "service" | "decision", key: string, tier: "exact" | "prefix" | "substring") => ({ kind, key, label: key, detail: "", href: `/${kind}/${key}`, tier });
const shape = (groups: ReturnType<typeof paletteGroups>) => groups.map((g) => `${g.kind}: ${g.options.map((o) => o.label).join(", ")}`);

describe("paletteGroups", () => {
  it("lists recent items, then every page, before anything is typed", () => {
    const recent = [{ kind: "service", key: "payments", label: "Payments", href: "/services/payments" }];
    const groups = paletteGroups("  ", recent, NAV_ITEMS, undefined);
    expect(shape(groups)).toEqual(["recent: Payments", `page: ${NAV_ITEMS.map((p) => p.label).join(", ")}`]);
    expect(groups[0]!.options[0]).toMatchObject({ id: "palette-recent-_2f_services_2f_payments", detail: "Services", href: "/services/payments" });
  });

  it("matches pages by label or path, and places them by their best tier among the server's groups", () => {
    const result: SearchResult = { query: "dr", groups: [{ kind: "service", more: false, items: [hit("service", "dr", "exact")] }, { kind: "integration", more: false, items: [hit("integration", "dr->x:y", "prefix")] }] };
    expect(shape(paletteGroups("dr", [], NAV_ITEMS, result))).toEqual(["service: dr", "page: Drift", "integration: dr->x:y"]);
    const subs: SearchResult = { query: "cat", groups: [{ kind: "decision", more: false, items: [hit("decision", "ADR-0001", "substring")] }] };
    expect(shape(paletteGroups("cat", [], NAV_ITEMS, subs))).toEqual(["page: Catalog", "decision: ADR-0001"]);
    expect(shape(paletteGroups("ings", [], NAV_ITEMS, { query: "ings", groups: [] }))).toEqual(["page: Findings, Settings"]);
  });

  it("ignores a server answer for an older text", () => {
    const stale: SearchResult = { query: "pay", groups: [{ kind: "service", more: false, items: [hit("service", "payments", "prefix")] }] };
    expect(paletteGroups("paym", [], NAV_ITEMS, stale)).toEqual([]);
  });

  it("lists a recent page once even when the stored list names it twice", () => {
    const r = { kind: "service", key: "payments", label: "Payments", href: "/services/payments" };
    const groups = paletteGroups("", [r, { ...r, label: "Payments (old)" }], [], undefined);
    expect(shape(groups)).toEqual(["recent: Payments", "page: "]);
  });
});

describe("optionId", () => {
  it.each([
    ["/catalog/a.b->c:d", "palette-integration-_2f_catalog_2f_a_2e_b_2d__3e_c_3a_d"],
    ["/catalog/a_b->c:d", "palette-integration-_2f_catalog_2f_a_5f_b_2d__3e_c_3a_d"],
    ["/catalog/a-b->c:d", "palette-integration-_2f_catalog_2f_a_2d_b_2d__3e_c_3a_d"],
    ["/services/é", "palette-integration-_2f_services_2f__e9_"],
  ])("escapes %s to %s", (href, id) => {
    expect(optionId("integration", href)).toBe(id);
  });

  it("gives keys differing only in . _ - distinct, valid ids (all four used to be palette-integration--catalog-a-b-3Ec-3Ad)", () => {
    const keys = ["a.b->c:d", "a_b->c:d", "a-b->c:d", "a--b->c:d"];
    const result: SearchResult = { query: "a", groups: [{ kind: "integration", more: false, items: keys.map((k) => ({ ...hit("integration", k, "prefix"), href: `/catalog/${encodeURIComponent(k)}` })) }] };
    const ids = paletteGroups("a", [], [], result).flatMap((g) => g.options.map((o) => o.id));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  it("keeps one page's id apart in the recent group and the pages group", () => {
    expect(optionId("recent", "/drift")).not.toBe(optionId("page", "/drift"));
  });
});

const opt = (id: string): PaletteOption => ({ id, kind: "page", key: id, label: id, detail: "", href: `/${id}` });

describe("activeOption and stepOption", () => {
  const [a, b, c] = [opt("a"), opt("b"), opt("c")];

  it("keeps the same option when a group arrives ahead of it, and falls back to the first when it goes", () => {
    expect(activeOption([a, b], "b")).toBe(b);
    expect(activeOption([c, a, b], "b")).toBe(b); // an index (1) would now name a
    expect(activeOption([c, a], "b")).toBe(c);
    expect(activeOption([a, b], null)).toBe(a);
    expect(activeOption([], "a")).toBeUndefined();
  });

  it.each([
    ["a", 1, "b"],
    ["c", 1, "a"],
    ["a", -1, "c"],
    ["b", -1, "a"],
  ] as const)("from %s by %i goes to %s", (from, step, to) => {
    const options = [a, b, c];
    expect(stepOption(options, options.find((o) => o.id === from), step)?.id).toBe(to);
  });

  it("starts at an end when nothing is active, and has nowhere to go in an empty list", () => {
    expect(stepOption([a, b, c], undefined, 1)).toBe(a);
    expect(stepOption([a, b, c], undefined, -1)).toBe(c);
    expect(stepOption([], undefined, 1)).toBeUndefined();
  });
});

describe("paletteStatus", () => {
  it.each([
    ["", 9, false, undefined, ""],
    ["  ", 0, false, undefined, ""],
    ["pay", 2, true, undefined, "Searching…"],
    ["pay", 0, false, undefined, "No results for “pay”"],
    [" pay ", 1, false, undefined, "1 result"],
    ["pay", 5, false, undefined, "5 results"],
    ["pay", 1, false, "Request failed (500)", "Search failed: Request failed (500). The pages below still work."],
  ] as const)("for %j with %i options (waiting %s, error %s) says %j", (text, count, waiting, error, said) => {
    expect(paletteStatus(text, count, error === undefined ? { waiting } : { waiting, error })).toBe(said);
  });
});
