// Integration points: create, read, change (optimistic concurrency), retire, and their history.
import "server-only";
import type { Prisma } from "@prisma/client";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db, inTransaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { diffFields, mergePatch, type FieldChange } from "./diff";
import { parseDeclaration, type IntegrationDeclaration } from "./integration-schema";
import type { IntegrationStatus } from "./integration-statuses";
import { readDb, withReader } from "@/lib/db/replicas";

export { integrationStatuses, type IntegrationStatus } from "./integration-statuses";

export interface IntegrationView extends IntegrationDeclaration {
  id: string;
  ownerTeam: string;
  createdAt: string;
  updatedAt: string;
  status: IntegrationStatus;
}

/** The nested parts stored as JSON in `semantics`. */
type Semantics = Pick<IntegrationDeclaration, "migration" | "consistency" | "delivery" | "idempotency" | "resilience" | "contract" | "telemetry">;

export const integrationInclude = {
  source: { select: { id: true, slug: true, teamId: true, telemetryName: true, team: { select: { slug: true } } } },
  target: { select: { id: true, slug: true, telemetryName: true } },
} as const;
export type IntegrationRow = Prisma.IntegrationPointGetPayload<{ include: typeof integrationInclude }>;

/**
 * Integration rows with `integrationInclude`'s relations, by id, in one raw query: the catalog list
 * (page and API) reads a page of them per request, and the ORM compiles that query every time.
 */
export async function integrationRowsByIds(ids: string[]): Promise<IntegrationRow[]> {
  if (ids.length === 0) return [];
  return readDb().$queryRaw<IntegrationRow[]>`
    SELECT ip.id::text AS id, ip.key, ip.source_service_id::text AS "sourceServiceId", ip.target_service_id::text AS "targetServiceId",
           ip.operation, ip.style, ip.protocol, ip.criticality, ip.lifecycle,
           ip.budget_p50_ms AS "budgetP50Ms", ip.budget_p95_ms AS "budgetP95Ms", ip.budget_p99_ms AS "budgetP99Ms",
           ip.slo_success_target_percent AS "sloSuccessTargetPercent", ip.slo_latency_target_percent AS "sloLatencyTargetPercent",
           ip.slo_window_days AS "sloWindowDays", ip.semantics, ip.pattern, ip.tags, ip.description, ip.version,
           ip.created_at AS "createdAt", ip.updated_at AS "updatedAt",
           json_build_object('id', s.id, 'slug', s.slug, 'teamId', s.team_id, 'telemetryName', s.telemetry_name, 'team', json_build_object('slug', st.slug)) AS source,
           json_build_object('id', t.id, 'slug', t.slug, 'telemetryName', t.telemetry_name) AS target
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN teams st ON st.id = s.team_id
    JOIN services t ON t.id = ip.target_service_id
    WHERE ip.id = ANY(${ids}::uuid[])`;
}

/** The declaration as the API shows it: telemetry names resolved to the services' own when unset. */
export function declarationOf(row: IntegrationRow): IntegrationDeclaration {
  const s = row.semantics as unknown as Semantics;
  return {
    key: row.key,
    sourceService: row.source.slug,
    targetService: row.target.slug,
    operation: row.operation,
    style: row.style as IntegrationDeclaration["style"],
    protocol: row.protocol,
    pattern: row.pattern,
    criticality: row.criticality as IntegrationDeclaration["criticality"],
    lifecycle: row.lifecycle as IntegrationDeclaration["lifecycle"],
    migration: s.migration ?? null,
    budget: { p50Ms: row.budgetP50Ms, p95Ms: row.budgetP95Ms, p99Ms: row.budgetP99Ms },
    slo: { successTargetPercent: row.sloSuccessTargetPercent, latencyTargetPercent: row.sloLatencyTargetPercent, windowDays: row.sloWindowDays },
    consistency: s.consistency ?? null,
    delivery: s.delivery ?? null,
    idempotency: s.idempotency ?? null,
    resilience: s.resilience ?? null,
    contract: s.contract ?? null,
    telemetry: {
      sourceName: s.telemetry?.sourceName ?? row.source.telemetryName,
      targetName: s.telemetry?.targetName ?? row.target.telemetryName,
      operation: s.telemetry?.operation ?? null,
      side: s.telemetry?.side ?? "client",
    },
    tags: row.tags,
    description: row.description,
  };
}

export function toView(row: IntegrationRow, status: IntegrationStatus = "no-data"): IntegrationView {
  return {
    id: row.id,
    ...declarationOf(row),
    ownerTeam: row.source.team.slug,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    status,
  };
}

export const etagOf = (version: number) => `"${version}"`;

/** Reads `If-Match`: `"3"`, `W/"3"` or `*`; null when absent. */
export function parseIfMatch(header: string | null): number | "*" | null {
  if (!header) return null;
  const value = header.trim();
  if (value === "*") return "*";
  const match = /^(?:W\/)?"(\d+)"$/.exec(value);
  if (!match) throw new AppError("bad_request", 'If-Match must be an ETag from a previous response, e.g. "3"');
  return Number(match[1]);
}

async function resolveServices(tx: Tx, d: IntegrationDeclaration) {
  const services = await tx.service.findMany({
    where: { slug: { in: [d.sourceService, d.targetService] } },
    select: { id: true, slug: true, teamId: true, telemetryName: true },
  });
  const source = services.find((s) => s.slug === d.sourceService);
  const target = services.find((s) => s.slug === d.targetService);
  const details = [
    ...(source ? [] : [{ path: "sourceService", message: `Unknown service ${d.sourceService}` }]),
    ...(target ? [] : [{ path: "targetService", message: `Unknown service ${d.targetService}` }]),
  ];
  if (!source || !target) throw new AppError("validation_failed", details.map((x) => x.message).join("; "), details);
  return { source, target };
}

/** Columns and JSON for a validated declaration; default telemetry names are stored as null. */
function columns(d: IntegrationDeclaration, source: { telemetryName: string }, target: { telemetryName: string }) {
  const telemetry = d.telemetry && {
    sourceName: d.telemetry.sourceName === source.telemetryName ? null : d.telemetry.sourceName,
    targetName: d.telemetry.targetName === target.telemetryName ? null : d.telemetry.targetName,
    operation: d.telemetry.operation,
    side: d.telemetry.side,
  };
  const semantics: Semantics = {
    migration: d.migration,
    consistency: d.consistency,
    delivery: d.delivery,
    idempotency: d.idempotency,
    resilience: d.resilience,
    contract: d.contract,
    telemetry: telemetry && (telemetry.sourceName || telemetry.targetName || telemetry.operation || telemetry.side !== "client") ? telemetry : null,
  };
  return {
    operation: d.operation,
    style: d.style,
    protocol: d.protocol,
    pattern: d.pattern,
    criticality: d.criticality,
    lifecycle: d.lifecycle,
    budgetP50Ms: d.budget.p50Ms,
    budgetP95Ms: d.budget.p95Ms,
    budgetP99Ms: d.budget.p99Ms,
    sloSuccessTargetPercent: d.slo.successTargetPercent,
    sloLatencyTargetPercent: d.slo.latencyTargetPercent,
    sloWindowDays: d.slo.windowDays,
    semantics: semantics as unknown as Prisma.InputJsonValue,
    tags: d.tags,
    description: d.description,
  };
}

async function findRow(client: Tx | ReturnType<typeof db>, key: string) {
  const row = await client.integrationPoint.findUnique({ where: { key }, include: integrationInclude });
  if (!row) throw new AppError("not_found", `No integration point ${key}`);
  return row;
}

/** The status the server last computed into integration_health (lib/slo/health.ts); none yet is no data. */
async function statusOf(client: Tx | ReturnType<typeof db>, id: string): Promise<IntegrationStatus> {
  const health = await client.integrationHealth.findUnique({ where: { integrationId: id }, select: { status: true } });
  return (health?.status as IntegrationStatus | undefined) ?? "no-data";
}

/** When the integration point's last call arrived, as the health refresh last saw it; null when never. */
export async function lastCallAt(actor: Actor, key: string): Promise<string | null> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const point = await readDb().integrationPoint.findUnique({ where: { key }, select: { id: true } });
    if (!point) throw new AppError("not_found", `No integration point ${key}`);
    const health = await readDb().integrationHealth.findUnique({ where: { integrationId: point.id }, select: { lastSeenAt: true } });
    return health?.lastSeenAt?.toISOString() ?? null;
  });
}

export async function getIntegration(actor: Actor, key: string): Promise<{ view: IntegrationView; version: number }> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const row = await findRow(readDb(), key);
    return { view: toView(row, await statusOf(readDb(), row.id)), version: row.version };
  });
}

export interface IntegrationTargets {
  id: string;
  budget: IntegrationView["budget"];
  slo: IntegrationView["slo"];
}

/**
 * What the telemetry reads need of an integration point — its id, budgets and SLO — in one raw
 * query: the latency, heatmap and SLO endpoints are polled by every open chart, and the full view
 * (services, teams, tags, health) is an ORM query the client compiles each time.
 */
export async function getIntegrationTargets(actor: Actor, key: string): Promise<IntegrationTargets> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const [row] = await readDb().$queryRaw<
      { id: string; p50: number | null; p95: number | null; p99: number; success: number; latency: number; window_days: number }[]
    >`SELECT id::text, budget_p50_ms AS p50, budget_p95_ms AS p95, budget_p99_ms AS p99, slo_success_target_percent AS success,
             slo_latency_target_percent AS latency, slo_window_days AS window_days
      FROM integration_points WHERE key = ${key}`;
    if (!row) throw new AppError("not_found", `No integration point ${key}`);
    return {
      id: row.id,
      budget: { p50Ms: row.p50, p95Ms: row.p95, p99Ms: row.p99 },
      slo: { successTargetPercent: Number(row.success), latencyTargetPercent: Number(row.latency), windowDays: row.window_days },
    };
  });
}

export async function createIntegration(actor: Actor, input: unknown): Promise<{ view: IntegrationView; version: number }> {
  const d = parseDeclaration(input);
  return db().$transaction((tx) => insertIntegration(tx, actor, d));
}

/** Inserts a validated declaration with its audit row, inside the caller's transaction. */
export async function insertIntegration(tx: Tx, actor: Actor, d: IntegrationDeclaration): Promise<{ view: IntegrationView; version: number }> {
  const { source, target } = await resolveServices(tx, d);
  authorize(actor, "catalog:write", { ownerTeamId: source.teamId });
  const existing = await tx.integrationPoint.findUnique({ where: { key: d.key }, select: { id: true } });
  if (existing) throw new AppError("conflict", `An integration point with key ${d.key} already exists`);
  const row = await tx.integrationPoint.create({
    data: { key: d.key, sourceServiceId: source.id, targetServiceId: target.id, ...columns(d, source, target) },
    include: integrationInclude,
  });
  await recordAudit(tx, auditActor(actor), { action: "integration.create", entityType: "integration", entityId: row.id, after: declarationOf(row) });
  return { view: toView(row), version: row.version };
}

/**
 * Applies a JSON merge patch to the current declaration and validates the result as a whole.
 * `ifMatch` guards against lost updates: a stale version answers 409 and changes nothing.
 */
export async function updateIntegration(
  actor: Actor,
  key: string,
  patch: unknown,
  ifMatch: number | "*" | null,
  client?: Tx,
): Promise<{ view: IntegrationView; version: number }> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw new AppError("bad_request", "Send a JSON object with the fields to change");
  return inTransaction(client, async (tx) => {
    const current = await findRow(tx, key);
    authorize(actor, "catalog:write", { ownerTeamId: current.source.teamId });
    if (typeof ifMatch === "number" && ifMatch !== current.version) {
      throw new AppError("conflict", `This integration point was changed by someone else (you edited version ${ifMatch}, it is now ${current.version}). Reload and apply your change again.`, {
        currentVersion: current.version,
      });
    }
    const before = declarationOf(current);
    const { id: _i, ownerTeam: _o, createdAt: _c, updatedAt: _u, status: _s, ...changes } = patch as Record<string, unknown>;
    // Merge over the telemetry match as stored: names left to default must keep following the
    // services (also when the patch moves the integration to another service).
    const stored = (current.semantics as unknown as Semantics).telemetry ?? null;
    const d = parseDeclaration(mergePatch({ ...before, telemetry: stored }, changes));
    if (d.key !== key) {
      throw new AppError("validation_failed", "Keys are stable and cannot be changed; create a new integration point and retire this one", [{ path: "key", message: "Keys cannot be changed" }]);
    }
    const { source, target } = await resolveServices(tx, d);
    if (source.teamId !== current.source.teamId) authorize(actor, "catalog:write", { ownerTeamId: source.teamId });
    // The version check in the WHERE makes the write itself atomic against a concurrent editor.
    const updated = await tx.integrationPoint.updateMany({
      where: { id: current.id, version: current.version },
      data: { sourceServiceId: source.id, targetServiceId: target.id, ...columns(d, source, target), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("conflict", "This integration point was changed by someone else meanwhile. Reload and apply your change again.");
    const row = await findRow(tx, key);
    const after = declarationOf(row);
    if (diffFields(before, after).length > 0) {
      await recordAudit(tx, auditActor(actor), { action: "integration.update", entityType: "integration", entityId: row.id, before, after });
    }
    return { view: toView(row, await statusOf(tx, row.id)), version: row.version };
  });
}

/** Deleting retires: the integration stays (with its history) but leaves the active catalog. */
export async function retireIntegration(actor: Actor, key: string, ifMatch: number | "*" | null, client?: Tx): Promise<{ view: IntegrationView; version: number }> {
  return updateIntegration(actor, key, { lifecycle: "retired", migration: null }, ifMatch, client);
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  changes: FieldChange[];
}

export async function integrationHistory(actor: Actor, key: string): Promise<HistoryEntry[]> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const row = await findRow(readDb(), key);
    const events = await readDb().auditEvent.findMany({ where: { entityType: "integration", entityId: row.id }, orderBy: { id: "desc" } });
    return events.map((e) => ({
      at: e.at.toISOString(),
      actor: e.actorLabel,
      action: e.action.replace(/^integration\./, ""),
      changes: diffFields(e.before, e.after),
    }));
  });
}
