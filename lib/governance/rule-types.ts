// The shape every policy rule shares. Rules are pure: they see declarations (and, later, observations)
// and return findings; the engine applies settings and waivers. New kinds of rules (observed p99 over
// budget, drift, undeclared edges) plug in by reading more of the context, not by changing the engine.
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import type { Observation } from "@/lib/slo/observation";

export type Severity = "error" | "warning" | "info";

export interface JourneyStepContext {
  integration: IntegrationDeclaration;
}

export interface JourneyContext {
  slug: string;
  name: string;
  budgetP99Ms: number;
  criticality: "critical" | "high" | "medium" | "low";
  /** In the order the user's request flows. */
  steps: IntegrationDeclaration[];
}

export interface PolicyContext {
  integrations: IntegrationDeclaration[];
  journeys: JourneyContext[];
  /** Today's date as YYYY-MM-DD (rules never read the clock themselves). */
  today: string;
  /** What telemetry shows, by integration key; absent when nothing has been observed. */
  observations?: Map<string, Observation>;
}

export type { Observation };

export interface ThresholdSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  description: string;
}

export interface RawFinding {
  integration: string | null;
  journey: string | null;
  message: string;
}

export interface Rule {
  id: string;
  /** What the rule checks, as its passing condition: the policy's name on the Policies page. */
  title: string;
  /** A finding's headline: the problem, as it reads when the rule fails ("… has no timeout"). */
  problem: string;
  rationale: string;
  remediation: string;
  severity: Severity;
  thresholds: Record<string, ThresholdSpec>;
  evaluate(ctx: PolicyContext, thresholds: Record<string, number>): RawFinding[];
}

export interface Finding {
  rule: string;
  /** The rule's problem headline, never its passing condition. */
  title: string;
  severity: Severity;
  integration: string | null;
  journey: string | null;
  message: string;
  waived: boolean;
  remediation: string;
  waiver: { id: string; reason: string; expiresAt: string; decision: number | null } | null;
}
