// Evidence on decision records: a journey what-if or a latency snapshot, computed by the server when
// attached and stored as it was — immutable, so a record's case cannot change under its reviewers.
import "server-only";
import type { Prisma } from "@prisma/client";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { getIntegrationTargets } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { describeScenario } from "@/lib/governance/simulate/describe";
import { simulateStoredJourney } from "@/lib/governance/simulate/run";
import { quantile } from "@/lib/telemetry/histogram";
import { rangeTally } from "@/lib/telemetry/latency";
import { evidenceSchema, type EvidenceInput, type EvidenceItem, type LatencySnapshotEvidence, type SimulationEvidence } from "./evidence-schema";
import { assertEditable, load, lockRecord } from "./records";
import { formatNumber } from "./workflow";
import type { AttachTarget } from "./evidence-types";
import { listDecisions } from "./list";
import { can } from "@/lib/auth/permissions";

const DAY_MS = 86_400_000;
const SNAPSHOT_DAYS = 7;
const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

type Row = { id: string; kind: string; title: string; payload: Prisma.JsonValue; actorLabel: string; computedAt: Date; createdAt: Date };

function itemOf(row: Row): EvidenceItem {
  const payload = row.payload as unknown as (SimulationEvidence | LatencySnapshotEvidence) & { note?: string };
  return { ...payload, note: payload.note ?? "", id: row.id, title: row.title, addedBy: row.actorLabel, createdAt: row.createdAt.toISOString(), computedAt: row.computedAt.toISOString() };
}

/** A record's evidence, oldest first (for the MADR export, which has already authorized its reader). */
export async function evidenceOfRecord(decisionId: string): Promise<EvidenceItem[]> {
  const rows = await db().decisionEvidence.findMany({ where: { decisionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(itemOf);
}

export async function listEvidence(actor: Actor, number: number): Promise<EvidenceItem[]> {
  authorize(actor, "catalog:read");
  const record = await db().decisionRecord.findUnique({ where: { number }, select: { id: true } });
  if (!record) throw new AppError("not_found", `No decision record ${formatNumber(number)}`);
  return evidenceOfRecord(record.id);
}

async function computeSimulation(actor: Actor, input: Extract<ReturnType<typeof evidenceSchema.parse>, { kind: "simulation" }>, nowMs: number) {
  const answer = await simulateStoredJourney(actor, input.journey, { scenario: input.scenario, requests: input.requests, seed: input.seed, from: input.from, to: input.to }, nowMs);
  const payload: SimulationEvidence = {
    kind: "simulation",
    journey: answer.journey,
    scenario: input.scenario,
    requests: answer.requests,
    seed: answer.seed,
    result: { baseline: answer.baseline, scenario: answer.scenario },
    observedCalls: answer.observedCalls,
    telemetryRange: answer.telemetryRange,
    computedAt: new Date(nowMs).toISOString(),
  };
  return { payload, title: `What if on ${answer.journey}: ${describeScenario(input.scenario.changes)}`.slice(0, 300) };
}

async function computeSnapshot(actor: Actor, input: Extract<ReturnType<typeof evidenceSchema.parse>, { kind: "latency-snapshot" }>, linked: string[], nowMs: number) {
  if (!linked.includes(input.integration)) {
    throw new AppError("validation_failed", `${input.integration} is not linked to this record; link it first`, [{ path: "integration", message: "Not one of the record's integration points" }]);
  }
  const target = await getIntegrationTargets(actor, input.integration);
  const toMs = input.to ? Date.parse(input.to) : nowMs;
  const fromMs = input.from ? Date.parse(input.from) : toMs - SNAPSHOT_DAYS * DAY_MS;
  if (fromMs >= toMs) throw new AppError("validation_failed", "from must be before to", [{ path: "from", message: "Before to" }]);
  const tally = await rangeTally(target.id, fromMs, toMs);
  const payload: LatencySnapshotEvidence = {
    kind: "latency-snapshot",
    integration: input.integration,
    range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    percentiles: { p50Ms: round(quantile(tally.histogram, 0.5)), p95Ms: round(quantile(tally.histogram, 0.95)), p99Ms: round(quantile(tally.histogram, 0.99)) },
    calls: tally.count,
    errors: tally.errors,
    budget: target.budget,
    computedAt: new Date(nowMs).toISOString(),
  };
  return { payload, title: `Latency of ${input.integration}` };
}

/**
 * Computes the item now and attaches it, while the record is draft or proposed and by someone who may
 * edit it. The result is computed before the write (it reads telemetry) and checked again inside it.
 */
export async function addEvidence(actor: Actor, number: number, input: EvidenceInput, nowMs = Date.now()): Promise<EvidenceItem> {
  authorize(actor, "decision:write");
  const data = evidenceSchema.parse(input);
  const before = await load(db(), number);
  assertEditable(actor, before);
  // Every role reads the catalog; a decisions:write token computes its evidence from it too (as
  // linking integration points to a record does), so the read is not refused for the token's scopes.
  const reader: Actor = actor.scopes ? { ...actor, scopes: [...actor.scopes, "catalog:read"] } : actor;
  const { payload, title } =
    data.kind === "simulation" ? await computeSimulation(reader, data, nowMs) : await computeSnapshot(reader, data, before.integrations.map((i) => i.integration.key), nowMs);
  return db().$transaction(async (tx) => {
    await lockRecord(tx, number);
    const row = await load(tx, number);
    assertEditable(actor, row);
    const stored = { ...payload, note: data.note };
    const created = await tx.decisionEvidence.create({
      data: { decisionId: row.id, kind: data.kind, title, payload: stored as unknown as Prisma.InputJsonValue, actorLabel: auditActor(actor).label, computedAt: new Date(nowMs) },
    });
    await recordAudit(tx, auditActor(actor), { action: "decision.evidence.add", entityType: "decision", entityId: row.id, after: { evidence: created.id, kind: data.kind, title } });
    return itemOf(created);
  });
}

export type { AttachTarget };

/** Records `actor` may attach evidence to: draft or proposed, their own (architects and admins: any); null when they may not write. */
export async function attachTargets(actor: Actor): Promise<AttachTarget[] | null> {
  if (!can(actor, "decision:write")) return null;
  const open = [...(await listDecisions(actor, { status: "draft", sort: "-updated" })), ...(await listDecisions(actor, { status: "proposed", sort: "-updated" }))];
  const mine = actor.role === "architect" || actor.role === "admin" ? open : open.filter((d) => d.author === actor.email);
  return mine.slice(0, 100).map((d) => ({ number: d.number, label: d.label, title: d.title, status: d.status }));
}
