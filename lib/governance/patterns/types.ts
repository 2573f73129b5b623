// What a pattern blueprint is: a named integration design with a default for every declared field,
// the policy rules those defaults satisfy, and the traits a declaration must keep to still be that design.
// Only type imports here, so the catalog's declaration schema can import the blueprints without a cycle.
import type { IntegrationDeclaration, IntegrationInput } from "@/lib/catalog/integration-schema";

/**
 * The declaration fields a blueprint decides. Identity (key, services, operation) and metadata
 * (telemetry match, tags, description) belong to the integration, not to the design it follows.
 */
export const designFields = [
  "style",
  "protocol",
  "criticality",
  "lifecycle",
  "migration",
  "budget",
  "slo",
  "consistency",
  "delivery",
  "idempotency",
  "resilience",
  "contract",
] as const;
export type DesignField = (typeof designFields)[number];

export type PatternDefaults = { [F in DesignField]-?: Exclude<IntegrationInput[F], undefined> };

/** One trait of the pattern: a declaration that breaks it no longer follows the pattern it names. */
export interface PatternTrait {
  /** The dotted declaration field the trait is about (where a form or YAML would fix it). */
  field: string;
  /** What the pattern needs there, completing "pattern X expects …". */
  expects: string;
  holds(d: IntegrationDeclaration): boolean;
}

export interface PatternBlueprint {
  name: string;
  title: string;
  summary: string;
  whenToUse: string[];
  avoidWhen: string[];
  gains: string[];
  costs: string[];
  /** Ids of the policy rules (lib/governance/rules) the defaults pass; a unit test holds this. */
  satisfies: string[];
  traits: PatternTrait[];
  defaults: PatternDefaults;
}
