// One page of findings for display: ordered as the page groups them (by rule, team or integration
// when asked; errors, warnings, info; open before waived; otherwise as evaluated), so that a large
// estate renders a page, not every finding.
import { pageOf, type PageOf } from "@/lib/format/page-of";
import { orderFindings, type FindingGrouping } from "./finding-groups";
import type { Severity } from "./rule-types";

export const FINDINGS_PAGE_SIZE = 200;

export type FindingsPage<T> = PageOf<T>;

type Pageable = { severity: Severity; waived: boolean; rule: string; team: string | null; integration: string | null };

export function pageOfFindings<T extends Pageable>(findings: T[], page: number, size = FINDINGS_PAGE_SIZE, by?: FindingGrouping): FindingsPage<T> {
  return pageOf(orderFindings(findings, by), page, size);
}
