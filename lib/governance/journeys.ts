// Journeys: critical user paths with an end-to-end budget over an ordered list of integration points.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { declarationOf, integrationInclude } from "@/lib/catalog/integrations";
import { db, inTransaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { providedOnly } from "@/lib/validation";
import { journeySchema, journeyUpdateSchema, type JourneyInput } from "@/lib/catalog/journey-schema";
import { composeJourney, type Composition } from "./budget-math";
import type { JourneyContext } from "./rule-types";

export { journeySchema, journeyUpdateSchema, type JourneyInput } from "@/lib/catalog/journey-schema";

export interface JourneyStepView {
  key: string;
  style: string;
  sourceService: string;
  targetService: string;
  budgetP99Ms: number;
  lifecycle: string;
}

export interface JourneyView {
  slug: string;
  name: string;
  description: string;
  team: string;
  budgetP99Ms: number;
  criticality: string;
  steps: string[];
  stepDetails: JourneyStepView[];
  composition: Composition;
  createdAt: string;
  updatedAt: string;
}

const include = {
  team: { select: { slug: true } },
  steps: { orderBy: { position: "asc" }, include: { integration: { include: integrationInclude } } },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof findJourney>>>;
export function findJourney(client: Tx | ReturnType<typeof db>, slug: string) {
  return client.journey.findUnique({ where: { slug }, include });
}

export function journeyContextOf(row: Row): JourneyContext {
  return {
    slug: row.slug,
    name: row.name,
    budgetP99Ms: row.budgetP99Ms,
    criticality: row.criticality as JourneyContext["criticality"],
    // A retired step no longer runs: it leaves the chain the rules and the waterfall add up.
    steps: row.steps.map((s) => declarationOf(s.integration)).filter((s) => s.lifecycle !== "retired"),
  };
}

function view(row: Row): JourneyView {
  const ctx = journeyContextOf(row);
  // Every stored step is listed (retired ones marked by their lifecycle); only live ones compose.
  const all = row.steps.map((s) => declarationOf(s.integration));
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    team: row.team.slug,
    budgetP99Ms: row.budgetP99Ms,
    criticality: row.criticality,
    steps: all.map((s) => s.key),
    stepDetails: all.map((s: IntegrationDeclaration) => ({
      key: s.key,
      style: s.style,
      sourceService: s.sourceService,
      targetService: s.targetService,
      budgetP99Ms: s.budget.p99Ms,
      lifecycle: s.lifecycle,
    })),
    composition: composeJourney(ctx),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function teamIdOf(tx: Tx, slug: string): Promise<string> {
  const team = await tx.team.findUnique({ where: { slug } });
  if (!team) throw new AppError("validation_failed", `Unknown team ${slug}`, [{ path: "team", message: "Unknown team" }]);
  return team.id;
}

async function stepIds(tx: Tx, keys: string[]): Promise<string[]> {
  const found = await tx.integrationPoint.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
  const missing = keys.filter((k) => !found.some((f) => f.key === k));
  if (missing.length) {
    throw new AppError("validation_failed", `Unknown integration point: ${missing.join(", ")}`, missing.map((k) => ({ path: "steps", message: `Unknown integration point ${k}` })));
  }
  return keys.map((k) => found.find((f) => f.key === k)!.id);
}

export async function listJourneys(actor: Actor): Promise<JourneyView[]> {
  authorize(actor, "catalog:read");
  return (await db().journey.findMany({ include, orderBy: { name: "asc" } })).map(view);
}

/** Every journey as the policy engine sees it. */
export async function journeyContexts(): Promise<JourneyContext[]> {
  return (await db().journey.findMany({ include })).map(journeyContextOf);
}

export async function getJourney(actor: Actor, slug: string): Promise<JourneyView> {
  authorize(actor, "catalog:read");
  const row = await findJourney(db(), slug);
  if (!row) throw new AppError("not_found", `No journey ${slug}`);
  return view(row);
}

export async function createJourney(actor: Actor, input: JourneyInput, client?: Tx): Promise<JourneyView> {
  const data = journeySchema.parse(input);
  const work = async (tx: Tx) => {
    const teamId = await teamIdOf(tx, data.team);
    authorize(actor, "catalog:write", { ownerTeamId: teamId });
    const ids = await stepIds(tx, data.steps);
    const created = await tx.journey.create({
      data: {
        slug: data.slug,
        name: data.name,
        description: data.description,
        teamId,
        budgetP99Ms: data.budgetP99Ms,
        criticality: data.criticality,
        steps: { create: ids.map((integrationId, position) => ({ integrationId, position })) },
      },
    });
    const row = (await findJourney(tx, data.slug))!;
    await recordAudit(tx, auditActor(actor), { action: "journey.create", entityType: "journey", entityId: created.id, after: { ...data } });
    return view(row);
  };
  return client ? work(client) : db().$transaction(work);
}

export async function updateJourney(actor: Actor, slug: string, input: unknown, client?: Tx): Promise<JourneyView> {
  const data = providedOnly(input, journeyUpdateSchema.parse(input));
  return inTransaction(client, async (tx) => {
    const before = await findJourney(tx, slug);
    if (!before) throw new AppError("not_found", `No journey ${slug}`);
    authorize(actor, "catalog:write", { ownerTeamId: before.teamId });
    const teamId = data.team ? await teamIdOf(tx, data.team) : undefined;
    if (teamId) authorize(actor, "catalog:write", { ownerTeamId: teamId });
    if (data.steps) {
      const ids = await stepIds(tx, data.steps);
      await tx.journeyStep.deleteMany({ where: { journeyId: before.id } });
      await tx.journeyStep.createMany({ data: ids.map((integrationId, position) => ({ journeyId: before.id, integrationId, position })) });
    }
    await tx.journey.update({
      where: { id: before.id },
      data: { name: data.name, description: data.description, teamId, budgetP99Ms: data.budgetP99Ms, criticality: data.criticality, version: { increment: 1 } },
    });
    const after = (await findJourney(tx, slug))!;
    const summary = (v: JourneyView) => ({ name: v.name, description: v.description, team: v.team, budgetP99Ms: v.budgetP99Ms, criticality: v.criticality, steps: v.steps });
    await recordAudit(tx, auditActor(actor), { action: "journey.update", entityType: "journey", entityId: before.id, before: summary(view(before)), after: summary(view(after)) });
    return view(after);
  });
}

export async function deleteJourney(actor: Actor, slug: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await findJourney(tx, slug);
    if (!before) throw new AppError("not_found", `No journey ${slug}`);
    authorize(actor, "catalog:write", { ownerTeamId: before.teamId });
    await tx.journey.delete({ where: { id: before.id } });
    await recordAudit(tx, auditActor(actor), { action: "journey.delete", entityType: "journey", entityId: before.id, before: { slug, name: before.name, steps: view(before).steps } });
  });
}
