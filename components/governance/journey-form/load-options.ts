// What the journey form offers: the teams the actor may assign, and every integration point as a step.
import "server-only";
import { listTeams } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth/actor";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { isSynchronous } from "@/lib/governance/budget-math";
import { writableTeams } from "../access";
import type { StepOption } from "./steps-editor";

/** Every page of the catalog list (it caps pages at 200); a journey may use any integration point. */
async function allStepOptions(actor: Actor): Promise<StepOption[]> {
  const options: StepOption[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIntegrations(actor, integrationListQuerySchema.parse({ limit: 200, sort: "key", cursor }));
    options.push(...page.items.map((i) => ({ key: i.key, style: i.style, budgetP99Ms: i.budget.p99Ms, synchronous: isSynchronous(i) })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return options;
}

export async function journeyFormOptions(actor: Actor) {
  const [teams, stepOptions] = await Promise.all([listTeams(actor), allStepOptions(actor)]);
  return { teams: writableTeams(actor, teams).map((t) => ({ slug: t.slug, name: t.name })), stepOptions };
}
