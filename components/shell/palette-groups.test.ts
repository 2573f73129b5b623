import { describe, expect, it } from "vitest";
import type { SearchResult } from "@/lib/search/search";
import { NAV_ITEMS } from "./nav-items";
import { paletteGroups } from "./palette-groups";

const hit = (kind: "integration" | "service" | "decision", key: string, tier: "exact" | "prefix" | "substring") => ({ kind, key, label: key, detail: "", href: `/${kind}/${key}`, tier });
const shape = (groups: ReturnType<typeof paletteGroups>) => groups.map((g) => `${g.kind}: ${g.options.map((o) => o.label).join(", ")}`);

describe("paletteGroups", () => {
  it("lists recent items, then every page, before anything is typed", () => {
    const recent = [{ kind: "service", key: "payments", label: "Payments", href: "/services/payments" }];
    const groups = paletteGroups("  ", recent, NAV_ITEMS, undefined);
    expect(shape(groups)).toEqual(["recent: Payments", `page: ${NAV_ITEMS.map((p) => p.label).join(", ")}`]);
    expect(groups[0]!.options[0]).toMatchObject({ id: "palette-recent--services-payments", detail: "Services", href: "/services/payments" });
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
});
