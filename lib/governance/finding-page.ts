// One page of findings for display: ordered as the page groups them (by rule, team or integration
// when asked; errors, warnings, info; open before waived; otherwise as evaluated), so that a large
// estate renders a page, not every finding.
import { orderFindings, type FindingGrouping } from "./finding-groups";
import type { Severity } from "./rule-types";

export const FINDINGS_PAGE_SIZE = 200;

export interface FindingsPage<T> {
  items: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown (0 and 0 when there is none). */
  from: number;
  to: number;
}

type Pageable = { severity: Severity; waived: boolean; rule: string; team: string | null; integration: string | null };

export function pageOfFindings<T extends Pageable>(findings: T[], page: number, size = FINDINGS_PAGE_SIZE, by?: FindingGrouping): FindingsPage<T> {
  const pages = Math.max(1, Math.ceil(findings.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const items = orderFindings(findings, by).slice((current - 1) * size, current * size);
  const from = items.length ? (current - 1) * size + 1 : 0;
  return { items, page: current, pages, from, to: from ? from + items.length - 1 : 0 };
}
