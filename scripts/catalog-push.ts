// How `edgewise push` prints what the server answered: the plan, or why nothing was applied.
import { describeIssue } from "../lib/catalog/as-code/issues";
import type { ImportPlan, PlanEntry } from "../lib/catalog/as-code/plan";
import type { DocumentIssue } from "../lib/catalog/as-code/types";

const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v));

function entries(title: string, list: PlanEntry[]): string[] {
  if (list.length === 0) return [];
  const lines = [`${title} (${list.length}):`];
  for (const e of list) {
    lines.push(`  ${e.kind} ${e.name}`);
    for (const c of e.changes ?? []) lines.push(`      ${c.path}: ${show(c.before)} → ${show(c.after)}`);
  }
  return lines;
}

export function formatPlan(plan: ImportPlan): string {
  const verb = plan.dryRun ? "Would" : "";
  const lines = [
    plan.dryRun ? "Dry run: nothing was applied." : plan.applied ? "Imported." : "Nothing to change: the catalog already matches these files.",
    ...entries(`${verb ? `${verb} create` : "Created"}`, plan.created),
    ...entries(`${verb ? `${verb} change` : "Changed"}`, plan.changed),
    ...entries(`${verb ? `${verb} retire` : "Retired"}`, plan.retired),
    `Unchanged: ${plan.unchanged}.`,
    ...plan.issues.map((i) => `${i.severity}: ${describeIssue(i)}`),
  ];
  return lines.join("\n");
}

export function formatFailure(status: number, body: unknown): string {
  const error = (body as { error?: { code?: string; message?: string; details?: { issues?: DocumentIssue[] } } } | null)?.error;
  const issues = error?.details?.issues ?? [];
  return [`Import refused (${status}${error?.code ? ` ${error.code}` : ""}): nothing was applied.`, ...(issues.length ? issues.map((i) => `  ${describeIssue(i)}`) : [`  ${error?.message ?? "no details"}`])].join("\n");
}
