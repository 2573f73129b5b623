// Seeds the demo's decision records through the same functions the API uses (create, edit, review,
// transition, waiver), so every step obeys the workflow: approvals by the demo architect, no author
// approving their own record, superseding only by an accepted record. Steps run in time order across
// records; after each one, the rows it wrote are dated to when the story says it happened (inside
// the 30-day telemetry window, so acceptances are drawn on the latency charts). The audit log keeps
// the real time of seeding.
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "../lib/auth/actor";
import { createDecision, reviewDecision, transitionDecision, updateDecision } from "../lib/decisions/records";
import { formatNumber } from "../lib/decisions/workflow";
import { env } from "../lib/env";
import { grantWaiver } from "../lib/governance/waivers";
import { DEMO_DECISIONS, DEMO_WAIVER, OFF_SYNC_PATH_SCENARIO, type DemoDecision, type DemoStep } from "./seed-decision-records";

const DAY_MS = 86_400_000;

/**
 * Where simulation evidence is attached to the "off the synchronous path" record (issue 16's evidence
 * model): given the record's number and the what-if it asks for, compute the scenario on the seeded
 * telemetry and store it as an evidence item. Not wired yet: the demo never carries made-up evidence.
 */
export type AttachSimulationEvidence = (decision: { number: number } & typeof OFF_SYNC_PATH_SCENARIO) => Promise<void>;

export interface SeededDecisions {
  numbers: Record<string, number>;
  waiverId: string;
}

async function actorOf(prisma: PrismaClient, email: string): Promise<Actor> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  return { userId: u.id, email: u.email, name: u.name, role: u.role, teamIds: u.memberships.map((m) => m.teamId), via: "session" };
}

/** Dates every row of the record written since the seed began (i.e. by the last step) to `at`. */
async function dateLastStep(prisma: PrismaClient, number: number, since: Date, at: Date) {
  const record = await prisma.decisionRecord.findUniqueOrThrow({ where: { number } });
  const fresh = { decisionId: record.id, at: { gte: since } };
  await prisma.decisionRevision.updateMany({ where: fresh, data: { at } });
  await prisma.decisionReview.updateMany({ where: fresh, data: { at } });
  await prisma.decisionTransition.updateMany({ where: fresh, data: { at } });
  await prisma.annotation.updateMany({ where: { decisionId: record.id, at: { gte: since } }, data: { at } });
  const when = (t: Date | null) => (t && t >= since ? at : undefined);
  await prisma.decisionRecord.update({
    where: { id: record.id },
    data: { createdAt: when(record.createdAt), proposedAt: when(record.proposedAt), decidedAt: when(record.decidedAt), updatedAt: at },
  });
}

type Event = { daysAgo: number; decision: DemoDecision; step: DemoStep | null };

export async function seedDecisions(prisma: PrismaClient, nowMs: number, attachEvidence?: AttachSimulationEvidence): Promise<SeededDecisions> {
  const since = new Date(nowMs);
  const architect = await actorOf(prisma, "architect@edgewise.local");
  const admin = await actorOf(prisma, "admin@edgewise.local");
  const authors = { member: await actorOf(prisma, "member@edgewise.local"), admin };
  const reviewers = { architect, admin };
  // With more than one approval required, the admin (an architect role too) gives the second.
  const approvers = env().EDGEWISE_DECISION_APPROVALS > 1 ? [architect, admin] : [architect];

  const events: Event[] = DEMO_DECISIONS.flatMap((decision) => [
    { daysAgo: decision.createdDaysAgo, decision, step: null },
    ...decision.steps.map((step) => ({ daysAgo: step.daysAgo, decision, step })),
  ]);
  events.sort((a, b) => b.daysAgo - a.daysAgo); // stable: a record's steps keep their written order on ties

  const numbers: Record<string, number> = {};
  for (const { daysAgo, decision, step } of events) {
    const at = new Date(nowMs - daysAgo * DAY_MS);
    const author = authors[decision.author];
    if (!step) {
      numbers[decision.ref] = (await createDecision(author, decision.content)).number;
    } else {
      const number = numbers[decision.ref]!;
      await runStep(number, step, { author, reviewers, approvers, architect, numbers });
      // Superseding writes on the predecessor: date its rows too.
      if (step.do === "supersede") await dateLastStep(prisma, numbers[step.by]!, since, at);
    }
    await dateLastStep(prisma, numbers[decision.ref]!, since, at);
  }

  const waiver = await grantWaiver(
    architect,
    {
      rule: DEMO_WAIVER.rule,
      integration: DEMO_WAIVER.integration,
      reason: `${DEMO_WAIVER.reason} See ${formatNumber(numbers[DEMO_WAIVER.decision]!)}.`,
      expiresAt: new Date(nowMs + DEMO_WAIVER.expiresInDays * DAY_MS).toISOString(),
      decision: numbers[DEMO_WAIVER.decision]!,
    },
    new Date(nowMs),
  );

  if (attachEvidence) await attachEvidence({ number: numbers["fraud-off-sync-path"]!, ...OFF_SYNC_PATH_SCENARIO });
  return { numbers, waiverId: waiver.id };
}

interface Cast {
  author: Actor;
  reviewers: Record<"architect" | "admin", Actor>;
  approvers: Actor[];
  architect: Actor;
  numbers: Record<string, number>;
}

async function runStep(number: number, step: DemoStep, cast: Cast) {
  switch (step.do) {
    case "propose":
      await transitionDecision(cast.author, number, { to: "proposed", comment: step.comment });
      return;
    case "revise":
      await updateDecision(cast.author, number, step.changes);
      return;
    case "approve":
      // The written reviewer approves; further approvers only when the deployment requires more.
      for (const reviewer of step.by ? [cast.reviewers[step.by]] : cast.approvers) await reviewDecision(reviewer, number, { verdict: "approve", comment: step.comment });
      return;
    case "request-changes":
    case "comment":
      await reviewDecision(cast.reviewers[step.by ?? "architect"], number, { verdict: step.do, comment: step.comment });
      return;
    case "accept":
      await transitionDecision(cast.architect, number, { to: "accepted", comment: step.comment });
      return;
    case "reject":
      await transitionDecision(cast.architect, number, { to: "rejected", comment: step.comment });
      return;
    case "deprecate":
      await transitionDecision(cast.architect, number, { to: "deprecated", comment: step.comment });
      return;
    case "supersede":
      // Written on the successor's timeline; it moves the record named by `by` to superseded.
      await transitionDecision(cast.architect, cast.numbers[step.by]!, { to: "superseded", comment: step.comment, supersededBy: number });
      return;
  }
}

/**
 * The demo's case for moving fraud scoring off the synchronous path carries its evidence: a what-if
 * over the seeded telemetry (so run after it), attached by the demo architect through the same code
 * as `POST /api/decisions/{number}/evidence`. Nothing when the record is missing or not editable.
 */
export async function seedDemoEvidence(prisma: PrismaClient): Promise<boolean> {
  const off = DEMO_DECISIONS.find((d) => d.ref === "fraud-off-sync-path")!;
  const record = await prisma.decisionRecord.findFirst({ where: { title: off.content.title, status: { in: ["draft", "proposed"] } }, select: { number: true } });
  if (!record) return false;
  const architect = await actorOf(prisma, "architect@edgewise.local");
  const { addEvidence } = await import("../lib/decisions/evidence");
  await addEvidence(architect, record.number, { kind: "simulation", journey: OFF_SYNC_PATH_SCENARIO.journey, scenario: OFF_SYNC_PATH_SCENARIO.scenario, requests: 20_000, seed: 42 });
  return true;
}
