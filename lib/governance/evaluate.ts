// The policy engine (pure): runs the enabled rules with their tuned thresholds and marks the findings
// that an active waiver covers. Waived findings stay visible; expired waivers simply stop matching.
import type { Finding, PolicyContext, Rule } from "./rule-types";

export interface RuleSetting {
  enabled: boolean;
  thresholds: Record<string, number>;
}

export interface ActiveWaiver {
  id: string;
  rule: string;
  integration: string;
  reason: string;
  expiresAt: string;
  decision: number | null;
}

export function effectiveThresholds(rule: Rule, setting: RuleSetting | undefined): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, spec] of Object.entries(rule.thresholds)) result[name] = setting?.thresholds[name] ?? spec.default;
  return result;
}

export function evaluatePolicies(
  rules: Rule[],
  ctx: PolicyContext,
  settings: Map<string, RuleSetting>,
  waivers: ActiveWaiver[],
  now: Date,
): Finding[] {
  const active = waivers.filter((w) => Date.parse(w.expiresAt) > now.getTime());
  return rules.flatMap((rule) => {
    const setting = settings.get(rule.id);
    if (setting && !setting.enabled) return [];
    return rule.evaluate(ctx, effectiveThresholds(rule, setting)).map((raw) => {
      const waiver = raw.integration ? active.find((w) => w.rule === rule.id && w.integration === raw.integration) : undefined;
      return {
        rule: rule.id,
        title: rule.problem,
        severity: rule.severity,
        integration: raw.integration,
        journey: raw.journey,
        message: raw.message,
        remediation: rule.remediation,
        waived: Boolean(waiver),
        waiver: waiver ? { id: waiver.id, reason: waiver.reason, expiresAt: waiver.expiresAt, decision: waiver.decision } : null,
      };
    });
  });
}
