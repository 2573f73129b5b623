// The pattern library (pure): the blueprints, filling a declaration's missing fields from one, and
// the traits a declaration breaks while still naming the pattern.
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { messagingPatterns } from "./messaging";
import { requestResponsePatterns } from "./request-response";
import type { PatternBlueprint, PatternTrait } from "./types";

export type { PatternBlueprint, PatternDefaults, PatternTrait } from "./types";
export { designFields } from "./types";

export const patterns: PatternBlueprint[] = [...requestResponsePatterns, ...messagingPatterns];
export const patternNames = patterns.map((p) => p.name);
const byName = new Map(patterns.map((p) => [p.name, p]));

export function patternByName(name: string): PatternBlueprint | undefined {
  return byName.get(name);
}

/** A blueprint as the API and the form see it: its traits as text, without the checks. */
export interface PatternView extends Omit<PatternBlueprint, "traits"> {
  traits: { field: string; expects: string }[];
}

export function patternView(p: PatternBlueprint): PatternView {
  return { ...p, traits: p.traits.map(({ field, expects }) => ({ field, expects })) };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `explicit` over `defaults`, field by field into nested objects: whatever the document says (even null) wins. */
function fill(explicit: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(explicit)) {
    if (v === undefined) continue;
    const d = defaults[k];
    out[k] = isPlainObject(v) && isPlainObject(d) ? fill(v, d) : v;
  }
  return out;
}

/**
 * Fills the design fields a declaration leaves out from the pattern it names (`pattern: <name>`).
 * A missing or unknown pattern leaves the input as it is: the declaration schema reports the unknown name.
 */
export function fillFromPattern(input: Record<string, unknown>): Record<string, unknown> {
  const name = input.pattern;
  const blueprint = typeof name === "string" ? byName.get(name.trim()) : undefined;
  if (!blueprint) return input;
  return fill(input, blueprint.defaults as unknown as Record<string, unknown>);
}

/** The traits of its declared pattern that a declaration breaks (none when it names no known pattern). */
export function brokenTraits(d: IntegrationDeclaration): PatternTrait[] {
  const blueprint = d.pattern ? byName.get(d.pattern) : undefined;
  return blueprint ? blueprint.traits.filter((t) => !t.holds(d)) : [];
}
