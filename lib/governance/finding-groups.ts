// Findings grouped by rule, owning team or integration point: the order groups are read in (most
// open errors first) and the counts each group carries, over every finding, not just a shown page.
import type { Severity } from "./rule-types";

export const findingGroupings = ["rule", "team", "integration"] as const;
export type FindingGrouping = (typeof findingGroupings)[number];

interface Groupable {
  rule: string;
  team: string | null;
  integration: string | null;
  severity: Severity;
  waived: boolean;
}

export interface FindingGroup {
  /** The rule id, team slug or integration key; null for findings without one (journey-wide findings have no integration). */
  key: string | null;
  total: number;
  waived: number;
  /** Open (unwaived) findings by severity. */
  open: Record<Severity, number>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function groupKeyOf(f: Groupable, by: FindingGrouping): string | null {
  return by === "rule" ? f.rule : by === "team" ? f.team : f.integration;
}

/** Most open errors first, then warnings, then info, then waived; ties by key, findings without one last. */
function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return (
    b.open.error - a.open.error ||
    b.open.warning - a.open.warning ||
    b.open.info - a.open.info ||
    b.waived - a.waived ||
    (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
    (a.key ?? "").localeCompare(b.key ?? "")
  );
}

export function groupFindings(findings: readonly Groupable[], by: FindingGrouping): FindingGroup[] {
  const groups = new Map<string | null, FindingGroup>();
  for (const f of findings) {
    const key = groupKeyOf(f, by);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, total: 0, waived: 0, open: { error: 0, warning: 0, info: 0 } }));
    g.total += 1;
    if (f.waived) g.waived += 1;
    else g.open[f.severity] += 1;
  }
  return [...groups.values()].sort(compareGroups);
}

/**
 * The reading order: by group (when grouped), then errors, warnings, info, open before waived, and
 * otherwise as evaluated — so a page cut from it shows whole groups in the order the counts list them.
 */
export function orderFindings<T extends Groupable>(findings: readonly T[], by?: FindingGrouping): T[] {
  const rank = new Map(by ? groupFindings(findings, by).map((g, i) => [g.key, i]) : []);
  const groupRank = (f: T) => (by ? rank.get(groupKeyOf(f, by))! : 0);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => groupRank(a.f) - groupRank(b.f) || SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || Number(a.f.waived) - Number(b.f.waived) || a.i - b.i)
    .map(({ f }) => f);
}
