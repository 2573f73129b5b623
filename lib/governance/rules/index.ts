// The rule registry: every rule Edgewise evaluates, in the order findings are listed.
import type { Rule } from "../rule-types";
import { contractLifecycleRules } from "./contract-lifecycle";
import { journeyRules } from "./journeys";
import { messagingRules } from "./messaging";
import { observedRules } from "./observed";
import { patternRules } from "./patterns";
import { resilienceRules } from "./resilience";
import { retryRules } from "./retries";

export const rules: Rule[] = [...resilienceRules, ...messagingRules, ...contractLifecycleRules, ...patternRules, ...journeyRules, ...observedRules, ...retryRules];
export const ruleById = new Map(rules.map((r) => [r.id, r]));
