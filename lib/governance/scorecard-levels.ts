// Scorecard levels (pure): what share of a team's integrations pass, and which bar the team clears.
import type { Finding } from "./rule-types";

export type Level = "none" | "bronze" | "silver" | "gold";

/** The rules whose failure means real incidents soonest: they gate even the first level. */
export const FOUNDATION_RULES = ["sync-timeout-declared", "retry-requires-idempotency", "at-least-once-idempotent"];

export const LEVELS: { level: Level; requirement: string }[] = [
  { level: "bronze", requirement: "No open findings from the foundation rules (timeouts declared, idempotent retries and deliveries)" },
  { level: "silver", requirement: "No open error findings at all" },
  { level: "gold", requirement: "No open findings at all (errors or warnings)" },
];

export interface Score {
  total: number;
  passing: number;
  passingPercent: number;
  level: Level;
  counts: { error: number; warning: number; info: number; waived: number };
}

/** `findings` are the team's; an integration passes when no unwaived error or warning names it. */
export function scoreTeam(integrationKeys: string[], findings: Finding[]): Score {
  const open = findings.filter((f) => !f.waived);
  const failing = new Set(open.filter((f) => f.integration && f.severity !== "info").map((f) => f.integration));
  const passing = integrationKeys.filter((k) => !failing.has(k)).length;
  const counts = {
    error: open.filter((f) => f.severity === "error").length,
    warning: open.filter((f) => f.severity === "warning").length,
    info: open.filter((f) => f.severity === "info").length,
    waived: findings.length - open.length,
  };
  const foundationOk = !open.some((f) => FOUNDATION_RULES.includes(f.rule));
  const level: Level = !foundationOk ? "none" : counts.error > 0 ? "bronze" : counts.warning > 0 ? "silver" : "gold";
  const total = integrationKeys.length;
  return { total, passing, passingPercent: total ? Math.round((passing / total) * 1000) / 10 : 100, level, counts };
}
