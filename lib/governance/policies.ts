// Policy settings: architects switch rules off or tune their thresholds; every change is audited.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { effectiveThresholds, type RuleSetting } from "./evaluate";
import type { Severity, ThresholdSpec } from "./rule-types";
import { ruleById, rules } from "./rules";

export const policyUpdateSchema = z
  .object({
    enabled: z.boolean(),
    thresholds: z.record(z.string(), z.number()),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");

export interface PolicyView {
  id: string;
  title: string;
  rationale: string;
  remediation: string;
  severity: Severity;
  enabled: boolean;
  thresholds: { name: string; value: number; spec: ThresholdSpec }[];
}

export async function policySettings(): Promise<Map<string, RuleSetting>> {
  const rows = await db().policySetting.findMany();
  return new Map(rows.map((r) => [r.ruleId, { enabled: r.enabled, thresholds: r.thresholds as Record<string, number> }]));
}

export async function listPolicies(actor: Actor): Promise<PolicyView[]> {
  authorize(actor, "catalog:read");
  const settings = await policySettings();
  return rules.map((rule) => {
    const setting = settings.get(rule.id);
    const values = effectiveThresholds(rule, setting);
    return {
      id: rule.id,
      title: rule.title,
      rationale: rule.rationale,
      remediation: rule.remediation,
      severity: rule.severity,
      enabled: setting?.enabled ?? true,
      thresholds: Object.entries(rule.thresholds).map(([name, spec]) => ({ name, value: values[name]!, spec })),
    };
  });
}

export async function updatePolicy(actor: Actor, ruleId: string, input: z.input<typeof policyUpdateSchema>): Promise<PolicyView> {
  authorize(actor, "policy:edit");
  const data = policyUpdateSchema.parse(input);
  const rule = ruleById.get(ruleId);
  if (!rule) throw new AppError("not_found", `No rule ${ruleId}`);
  for (const [name, value] of Object.entries(data.thresholds ?? {})) {
    const spec = rule.thresholds[name];
    if (!spec) throw new AppError("validation_failed", `Rule ${ruleId} has no threshold ${name}`, [{ path: `thresholds.${name}`, message: "Unknown threshold" }]);
    if (value < spec.min || value > spec.max) {
      throw new AppError("validation_failed", `${name} must be between ${spec.min} and ${spec.max} ${spec.unit}`, [{ path: `thresholds.${name}`, message: `Between ${spec.min} and ${spec.max}` }]);
    }
  }
  await db().$transaction(async (tx) => {
    // Lock the rule's row (creating it first) so two architects tuning it at once both keep their change.
    await tx.$executeRaw`INSERT INTO policy_settings (rule_id, updated_at) VALUES (${ruleId}, now()) ON CONFLICT (rule_id) DO NOTHING`;
    await tx.$queryRaw`SELECT rule_id FROM policy_settings WHERE rule_id = ${ruleId} FOR UPDATE`;
    const before = await tx.policySetting.findUnique({ where: { ruleId } });
    const thresholds = { ...((before?.thresholds as Record<string, number> | undefined) ?? {}), ...(data.thresholds ?? {}) };
    const after = await tx.policySetting.upsert({
      where: { ruleId },
      create: { ruleId, enabled: data.enabled ?? true, thresholds },
      update: { enabled: data.enabled, thresholds },
    });
    await recordAudit(tx, auditActor(actor), {
      action: "policy.update",
      entityType: "policy",
      entityId: ruleId,
      before: before ? { enabled: before.enabled, thresholds: before.thresholds } : { enabled: true, thresholds: {} },
      after: { enabled: after.enabled, thresholds: after.thresholds },
    });
  });
  return (await listPolicies(actor)).find((p) => p.id === ruleId)!;
}
