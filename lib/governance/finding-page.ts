// One page of findings for display: ordered as the page groups them (errors, warnings, info; open
// before waived; otherwise as evaluated), so that a large estate renders a page, not every finding.
import type { Severity } from "./rule-types";

export const FINDINGS_PAGE_SIZE = 200;
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface FindingsPage<T> {
  items: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown (0 and 0 when there is none). */
  from: number;
  to: number;
}

export function pageOfFindings<T extends { severity: Severity; waived: boolean }>(findings: T[], page: number, size = FINDINGS_PAGE_SIZE): FindingsPage<T> {
  const pages = Math.max(1, Math.ceil(findings.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || Number(a.f.waived) - Number(b.f.waived) || a.i - b.i)
    .map(({ f }) => f);
  const items = ordered.slice((current - 1) * size, current * size);
  const from = items.length ? (current - 1) * size + 1 : 0;
  return { items, page: current, pages, from, to: from ? from + items.length - 1 : 0 };
}
