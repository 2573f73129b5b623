// The rule that holds a declaration to the pattern blueprint it names.
import { brokenTraits } from "../patterns";
import type { Rule } from "../rule-types";

export const patternHonoured: Rule = {
  id: "pattern-honoured",
  title: "Integrations keep to the pattern they declare",
  problem: "Declared fields contradict the integration's pattern",
  rationale:
    "Naming a pattern tells reviewers, on-call and the teams on the other side what to expect: an event-outbox promises at-least-once delivery to an idempotent consumer with a dead-letter queue; a sync-request promises a bounded wait with a fallback. When the fields say otherwise, people reason from the name and are wrong exactly when it matters — during an incident or a migration.",
  remediation: "Bring the fields back in line with the pattern (its blueprint under GET /api/patterns/{name} has the defaults), or name the pattern the integration really follows, or none.",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    ctx.integrations
      .filter((i) => i.lifecycle !== "retired")
      .flatMap((i) => {
        const broken = brokenTraits(i);
        if (broken.length === 0) return [];
        return [{ integration: i.key, journey: null, message: `${i.key} declares pattern ${i.pattern}, which expects ${broken.map((t) => `${t.expects} (${t.field})`).join("; ")}.` }];
      }),
};

export const patternRules = [patternHonoured];
