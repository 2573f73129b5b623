// Rules on contracts and on integrations that should have moved on by now.
import type { Rule } from "../rule-types";

const live = <T extends { lifecycle: string }>(items: T[]) => items.filter((i) => i.lifecycle !== "retired");

export const contractVersioned: Rule = {
  id: "contract-versioned",
  title: "Contracts are declared, versioned and kept compatible",
  problem: "Contract is missing, unversioned or not kept compatible",
  rationale:
    "An integration without a written, versioned contract breaks silently when either side changes. Compatibility 'none' on an active integration means any release of the producer may break its consumers.",
  remediation: "Reference the contract (OpenAPI, AsyncAPI, protobuf, Avro…) with its version and a compatibility mode other than none.",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations).flatMap((i) => {
      if (!i.contract) return [{ integration: i.key, journey: null, message: `${i.key} declares no contract.` }];
      const findings = [];
      if (!i.contract.version) findings.push({ integration: i.key, journey: null, message: `${i.key}'s ${i.contract.format} contract has no version.` });
      if (i.contract.compatibility === "none" && i.lifecycle === "active") {
        findings.push({ integration: i.key, journey: null, message: `${i.key} is active with contract compatibility "none".` });
      }
      return findings;
    }),
};

export const lifecycleOverdue: Rule = {
  id: "lifecycle-overdue",
  title: "Migrations and deprecations finish by their target date",
  problem: "Migration or deprecation is past its target date",
  rationale:
    "A migration that drags on keeps two designs alive — both paths must be operated, tested and understood. A deprecated integration past its date is one nobody is removing.",
  remediation: "Finish the migration (or retire the integration), or move the target date with a decision record.",
  severity: "warning",
  thresholds: { graceDays: { default: 0, min: 0, max: 365, unit: "days", description: "Days past the target date before the rule fires" } },
  evaluate: (ctx, t) =>
    live(ctx.integrations).flatMap((i) => {
      const date = i.migration?.targetDate;
      if ((i.lifecycle !== "migrating" && i.lifecycle !== "deprecated") || !date) return [];
      const overdueDays = Math.floor((Date.parse(`${ctx.today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
      if (overdueDays <= (t.graceDays ?? 0)) return [];
      return [{ integration: i.key, journey: null, message: `${i.key} has been ${i.lifecycle} past its target date ${date} (${overdueDays} days).` }];
    }),
};

export const contractLifecycleRules = [contractVersioned, lifecycleOverdue];
