// Decision records: numbering, edits as revisions, reviews and the status workflow, with every step
// kept (actor, time, comment). Acceptance turns the record into a chart annotation.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { diffFields, type FieldChange } from "@/lib/catalog/diff";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/notifications/app-url";
import { recordEvents } from "@/lib/notifications/outbox";
import { providedOnly } from "@/lib/validation";
import { decisionSchema, decisionUpdateSchema, reviewSchema, transitionSchema, type DecisionContent, type DecisionInput } from "./schema";
import { allowedTransitions, approvalState, checkReview, checkTransition, formatNumber, IMPORTED, type DecisionStatus, type RecordFacts, type TransitionCheck, type Verdict } from "./workflow";

// Arbitrary constant: serialises number allocation so concurrent creations get distinct, gapless numbers.
const NUMBER_LOCK = 7_220_415_002;

export const include = {
  integrations: { include: { integration: { select: { key: true, source: { select: { team: { select: { slug: true } } } } } } } },
  journeys: { include: { journey: { select: { slug: true } } } },
  supersededBy: { select: { number: true } },
  supersedes: { select: { number: true } },
  reviews: { orderBy: { at: "asc" } },
  transitions: { orderBy: { at: "asc" } },
  revisions: { orderBy: { revision: "asc" } },
} as const;
export type Row = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

function findRecord(client: Tx | ReturnType<typeof db>, number: number) {
  return client.decisionRecord.findUnique({ where: { number }, include });
}

export interface DecisionView extends DecisionContent {
  number: number;
  id: string;
  label: string;
  status: DecisionStatus;
  author: string;
  revision: number;
  supersedes: number | null;
  supersededBy: number | null;
  teams: string[];
  createdAt: string;
  updatedAt: string;
  proposedAt: string | null;
  decidedAt: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: "revision" | "review" | "transition";
  actor: string;
  summary: string;
  comment: string;
  changes?: FieldChange[];
}

export interface DecisionDetail {
  record: DecisionView;
  timeline: TimelineEntry[];
  approvals: { approvals: number; required: number; blockedBy: string[] };
  actions: TransitionCheck[];
  canEdit: boolean;
  canReview: boolean;
  /** Set when the record was created by MADR import: the status it arrived with, who imported it, when, and from what. */
  imported: { status: DecisionStatus; by: string; at: string; comment: string } | null;
}

export function content(row: Row): DecisionContent {
  const c = row.content as Omit<DecisionContent, "deciders" | "consulted" | "informed" | "tags" | "integrations" | "journeys">;
  return {
    title: row.title,
    context: c.context,
    drivers: c.drivers,
    options: c.options,
    outcome: c.outcome,
    consequences: c.consequences,
    confirmation: c.confirmation,
    deciders: row.deciders,
    consulted: row.consulted,
    informed: row.informed,
    tags: row.tags,
    integrations: row.integrations.map((i) => i.integration.key).sort(),
    journeys: row.journeys.map((j) => j.journey.slug).sort(),
  };
}

export function toView(row: Row): DecisionView {
  return {
    number: row.number,
    id: row.id,
    label: formatNumber(row.number),
    status: row.status as DecisionStatus,
    author: row.authorLabel,
    revision: row.revision,
    ...content(row),
    supersedes: row.supersedes[0]?.number ?? null,
    supersededBy: row.supersededBy?.number ?? null,
    teams: [...new Set(row.integrations.map((i) => i.integration.source.team.slug))].sort(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    proposedAt: row.proposedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

function facts(row: Row): RecordFacts {
  return {
    status: row.status as DecisionStatus,
    authorId: row.authorId ?? "",
    revision: row.revision,
    reviews: row.reviews.map((r) => ({ reviewerId: r.reviewerId, reviewerRole: r.reviewerRole as RecordFacts["reviews"][number]["reviewerRole"], verdict: r.verdict as Verdict, revision: r.revision })),
  };
}

async function linkIds(tx: Tx, data: Pick<DecisionContent, "integrations" | "journeys">) {
  const integrations = await tx.integrationPoint.findMany({ where: { key: { in: data.integrations } }, select: { id: true, key: true } });
  const journeys = await tx.journey.findMany({ where: { slug: { in: data.journeys } }, select: { id: true, slug: true } });
  const details = [
    ...data.integrations.filter((k) => !integrations.some((i) => i.key === k)).map((k) => ({ path: "integrations", message: `Unknown integration point ${k}` })),
    ...data.journeys.filter((s) => !journeys.some((j) => j.slug === s)).map((s) => ({ path: "journeys", message: `Unknown journey ${s}` })),
  ];
  if (details.length) throw new AppError("validation_failed", details.map((d) => d.message).join("; "), details);
  return { integrationIds: integrations.map((i) => i.id), journeyIds: journeys.map((j) => j.id) };
}

function columns(data: DecisionContent) {
  const { title, context, drivers, options, outcome, consequences, confirmation, deciders, consulted, informed, tags } = data;
  return { title, content: { context, drivers, options, outcome, consequences, confirmation }, deciders, consulted, informed, tags };
}

async function load(client: Tx | ReturnType<typeof db>, number: number): Promise<Row> {
  const row = await findRecord(client, number);
  if (!row) throw new AppError("not_found", `No decision record ${formatNumber(number)}`);
  return row;
}

export async function createDecision(actor: Actor, input: DecisionInput, options: { number?: number } = {}): Promise<DecisionView> {
  authorize(actor, "decision:write");
  const data = decisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NUMBER_LOCK})`;
    const { _max } = await tx.decisionRecord.aggregate({ _max: { number: true } });
    const number = options.number ?? (_max.number ?? 0) + 1;
    const { integrationIds, journeyIds } = await linkIds(tx, data);
    const label = auditActor(actor).label;
    const row = await tx.decisionRecord.create({
      data: {
        number,
        status: "draft",
        ...columns(data),
        authorId: actor.via === "system" ? null : actor.userId,
        authorLabel: label,
        integrations: { create: integrationIds.map((integrationId) => ({ integrationId })) },
        journeys: { create: journeyIds.map((journeyId) => ({ journeyId })) },
        revisions: { create: { revision: 1, snapshot: data, actorLabel: label } },
      },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "decision.create", entityType: "decision", entityId: row.id, after: toView(row) });
    return toView(row);
  });
}

/** Edits, reviews and transitions of one record take turns: each sees the others' committed result. */
export async function lockRecord(tx: Tx, number: number) {
  await tx.$queryRaw`SELECT id FROM decision_records WHERE number = ${number} FOR UPDATE`;
}

const mayEdit = (actor: Actor, row: Row) => actor.userId === row.authorId || actor.role === "architect" || actor.role === "admin";

function assertEditable(actor: Actor, row: Row) {
  if (!mayEdit(actor, row)) throw new AppError("forbidden", "Only the author or an architect can edit this record");
  if (row.status !== "draft" && row.status !== "proposed") throw new AppError("conflict", `A ${row.status} record is final; supersede it with a new one`);
}

/**
 * Checks that `actor` may edit the record now and saves `data` as its next revision (so earlier
 * approvals go stale). The edit endpoint and MADR import both go through here.
 */
export async function saveRevision(tx: Tx, actor: Actor, row: Row, data: DecisionContent, action = "decision.update"): Promise<void> {
  assertEditable(actor, row);
  const { integrationIds, journeyIds } = await linkIds(tx, data);
  const revision = row.revision + 1;
  await tx.decisionIntegration.deleteMany({ where: { decisionId: row.id } });
  await tx.decisionJourney.deleteMany({ where: { decisionId: row.id } });
  await tx.decisionRecord.update({
    where: { id: row.id },
    data: {
      ...columns(data),
      revision,
      integrations: { create: integrationIds.map((integrationId) => ({ integrationId })) },
      journeys: { create: journeyIds.map((journeyId) => ({ journeyId })) },
      revisions: { create: { revision, snapshot: data, actorLabel: auditActor(actor).label } },
    },
  });
  await recordAudit(tx, auditActor(actor), { action, entityType: "decision", entityId: row.id, before: content(row), after: data });
}

/** Edits are allowed while draft or proposed; each one is a new revision. */
export async function updateDecision(actor: Actor, number: number, input: unknown): Promise<DecisionView> {
  authorize(actor, "decision:write");
  const changes = providedOnly(input, decisionUpdateSchema.parse(input));
  return db().$transaction(async (tx) => {
    await lockRecord(tx, number);
    const row = await load(tx, number);
    assertEditable(actor, row);
    const before = content(row);
    const data = decisionSchema.parse({ ...before, ...changes });
    if (diffFields(before, data).length === 0) return toView(row);
    await saveRevision(tx, actor, row, data);
    return toView(await load(tx, number));
  });
}

export async function reviewDecision(actor: Actor, number: number, input: z.input<typeof reviewSchema>) {
  authorize(actor, input.verdict === "comment" ? "decision:write" : "decision:review");
  const data = reviewSchema.parse(input);
  return db().$transaction(async (tx) => {
    await lockRecord(tx, number);
    const row = await load(tx, number);
    const refused = checkReview(facts(row), { userId: actor.userId, role: actor.role }, data.verdict);
    if (refused) throw new AppError(refused.startsWith("Only") || refused.startsWith("Authors") ? "forbidden" : "conflict", refused);
    const review = await tx.decisionReview.create({
      data: { decisionId: row.id, revision: row.revision, reviewerId: actor.userId, reviewerLabel: auditActor(actor).label, reviewerRole: actor.role, verdict: data.verdict, comment: data.comment },
    });
    await recordAudit(tx, auditActor(actor), { action: `decision.review.${data.verdict}`, entityType: "decision", entityId: row.id, after: { revision: row.revision, comment: data.comment } });
    return { id: review.id, number, revision: review.revision, verdict: data.verdict, comment: data.comment, reviewer: review.reviewerLabel, at: review.at.toISOString() };
  });
}

/**
 * Checks one status change against the workflow and makes it inside `tx`: the status, the transition
 * row, the annotation on acceptance and the audit row. The transition endpoint and MADR import both
 * go through here, so import obeys exactly the rules the endpoint does.
 */
export async function applyTransition(tx: Tx, actor: Actor, row: Row, data: z.output<typeof transitionSchema>): Promise<void> {
  const required = env().EDGEWISE_DECISION_APPROVALS;
  const who = { userId: actor.userId, role: actor.role };
  const check = checkTransition(facts(row), who, data.to, required);
  if (!check.allowed) {
    const allowed = allowedTransitions(facts(row), who, required).filter((t) => t.allowed).map((t) => t.to);
    throw new AppError("conflict", check.reason ?? "Not allowed", { allowed });
  }
  let supersededById: string | undefined;
  if (data.to === "superseded") {
    if (!data.supersededBy) throw new AppError("validation_failed", "Name the accepted record that supersedes this one (supersededBy)", [{ path: "supersededBy", message: "Required" }]);
    const successor = await tx.decisionRecord.findUnique({ where: { number: data.supersededBy } });
    if (!successor || successor.id === row.id || successor.status !== "accepted") {
      throw new AppError("validation_failed", `${formatNumber(data.supersededBy)} must be another, accepted record`, [{ path: "supersededBy", message: "Must be an accepted record" }]);
    }
    supersededById = successor.id;
  }
  const now = new Date();
  await tx.decisionRecord.update({
    where: { id: row.id },
    data: {
      status: data.to,
      supersededById,
      proposedAt: data.to === "proposed" ? now : undefined,
      decidedAt: data.to === "accepted" || data.to === "rejected" ? now : undefined,
    },
  });
  const transition = await tx.decisionTransition.create({
    data: { decisionId: row.id, from: row.status, to: data.to, actorId: actor.via === "system" ? null : actor.userId, actorLabel: auditActor(actor).label, comment: data.comment },
  });
  if (data.to === "accepted") {
    await tx.annotation.create({
      data: {
        at: now,
        kind: "decision",
        title: `${formatNumber(row.number)} accepted: ${row.title}`,
        link: `/decisions/${row.number}`,
        integrationIds: row.integrations.map((i) => i.integrationId),
        decisionId: row.id,
      },
    });
  }
  await recordAudit(tx, auditActor(actor), { action: `decision.${data.to}`, entityType: "decision", entityId: row.id, before: { status: row.status }, after: { status: data.to, comment: data.comment } });
  if (data.to === "proposed" || data.to === "accepted") {
    const first = row.integrations[0]?.integration;
    const type = data.to === "proposed" ? "decision.review_requested" : "decision.accepted";
    await recordEvents(tx, [
      {
        id: `${type}:${row.number}:${transition.id}`,
        type,
        state: null,
        severity: "info",
        occurredAt: now.toISOString(),
        summary: `${formatNumber(row.number)} ${data.to === "proposed" ? "is waiting for review" : "was accepted"}: ${row.title}`,
        link: `${appUrl()}/decisions/${row.number}`,
        integration: first?.key ?? null,
        team: first?.source.team.slug ?? null,
        decision: row.number,
        data: { title: row.title, from: row.status, to: data.to, by: auditActor(actor).label, comment: data.comment, integrations: row.integrations.map((i) => i.integration.key) },
      },
    ]);
  }
}

export async function transitionDecision(actor: Actor, number: number, input: z.input<typeof transitionSchema>): Promise<DecisionView> {
  authorize(actor, "decision:write");
  const data = transitionSchema.parse(input);
  return db().$transaction(async (tx) => {
    await lockRecord(tx, number);
    await applyTransition(tx, actor, await load(tx, number), data);
    return toView(await load(tx, number));
  });
}

export async function getDecision(actor: Actor, number: number): Promise<DecisionDetail> {
  authorize(actor, "catalog:read");
  const row = await load(db(), number);
  const required = env().EDGEWISE_DECISION_APPROVALS;
  const state = approvalState(facts(row), required);
  const revisions = row.revisions.map((r, i) => ({
    at: r.at.toISOString(),
    kind: "revision" as const,
    actor: r.actorLabel,
    summary: i === 0 ? "Created revision 1" : `Revision ${r.revision}`,
    comment: "",
    changes: i === 0 ? undefined : diffFields(row.revisions[i - 1]!.snapshot, r.snapshot),
  }));
  const reviews = row.reviews.map((r) => ({ at: r.at.toISOString(), kind: "review" as const, actor: r.reviewerLabel, summary: `${r.verdict} (revision ${r.revision})`, comment: r.comment }));
  const moves = row.transitions.map((t) => ({ at: t.at.toISOString(), kind: "transition" as const, actor: t.actorLabel, summary: `${t.from} → ${t.to}`, comment: t.comment }));
  const who = { userId: actor.userId, role: actor.role };
  const importedFrom = row.transitions.find((t) => t.from === IMPORTED);
  return {
    record: toView(row),
    timeline: [...revisions, ...reviews, ...moves].sort((a, b) => a.at.localeCompare(b.at)),
    approvals: { approvals: state.approvals.length, required, blockedBy: row.reviews.filter((r) => state.blockedBy.includes(r.reviewerId)).map((r) => r.reviewerLabel).filter((v, i, a) => a.indexOf(v) === i) },
    actions: allowedTransitions(facts(row), who, required),
    canEdit: (row.status === "draft" || row.status === "proposed") && mayEdit(actor, row) && actor.role !== "viewer",
    canReview: row.status === "proposed" && (actor.role === "architect" || actor.role === "admin") && actor.userId !== row.authorId,
    imported: importedFrom ? { status: importedFrom.to as DecisionStatus, by: importedFrom.actorLabel, at: importedFrom.at.toISOString(), comment: importedFrom.comment } : null,
  };
}

export { findRecord };
