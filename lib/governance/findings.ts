// Findings for the whole estate (or one team, journey or integration): the pure engine over the
// current declarations, journeys, settings and active waivers.
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { declarationOf, integrationInclude } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { decodeOffsetCursor, encodeOffsetCursor } from "@/lib/offset-cursor";
import { evaluatePolicies } from "./evaluate";
import { observations } from "@/lib/slo/observations";
import { journeyContexts } from "./journeys";
import { policySettings } from "./policies";
import { findingGroupings, groupFindings, orderFindings, type FindingGroup } from "./finding-groups";
import type { Finding } from "./rule-types";
import { rules } from "./rules";
import { activeWaivers } from "./waivers";

const MAX_FINDINGS_LIMIT = 500;
/** A page when only a cursor is sent. */
const DEFAULT_FINDINGS_LIMIT = 200;

export const findingsQuerySchema = z.object({
  severity: z.enum(["error", "warning", "info"]).optional(),
  rule: z.string().max(100).optional(),
  team: z.string().max(63).optional(),
  journey: z.string().max(63).optional(),
  integration: z.string().max(200).optional(),
  waived: z.enum(["true", "false"]).optional(),
  // Extensions (issue 20): grouping and paging are asked for; without them the answer is as before.
  groupBy: z.enum(findingGroupings, { error: `groupBy is one of ${findingGroupings.join(", ")}` }).optional(),
  limit: z.coerce.number({ error: "limit is a whole number" }).int("limit is a whole number").min(1, "limit is at least 1").max(MAX_FINDINGS_LIMIT, `limit is at most ${MAX_FINDINGS_LIMIT}`).optional(),
  cursor: z.string().max(100).optional(),
});
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

export interface FindingView extends Finding {
  team: string | null;
}

export interface FindingsResult {
  items: FindingView[];
  /** Set only when paging (limit or cursor) was asked for and more findings follow. */
  nextCursor: string | null;
  counts: { error: number; warning: number; info: number; waived: number };
  /** With groupBy: every group of the filtered findings (not just this page), in reading order. */
  groups?: FindingGroup[];
  /** When paging: how many findings match the filters. */
  total?: number;
}

/**
 * What the findings depend on, as one cheap query: any declaration, journey, service, setting or
 * waiver change moves it, and so does a waiver expiring. Being in the database, it is right for
 * every server instance. The observed-behaviour rules also read the clock (telemetry windows): the
 * minute is kept beside it.
 */
async function estateStamp(now: Date): Promise<{ estate: string; minute: number }> {
  const [row] = await db().$queryRaw<{ stamp: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat(count(*), max(updated_at)) FROM integration_points),
      (SELECT concat(count(*), max(updated_at)) FROM journeys),
      (SELECT concat(count(*), max(updated_at)) FROM services),
      (SELECT concat(count(*), max(updated_at)) FROM policy_settings),
      (SELECT concat(count(*), max(created_at), max(revoked_at), count(*) FILTER (WHERE expires_at <= ${now})) FROM waivers)) AS stamp`;
  return { estate: row?.stamp ?? "", minute: Math.floor(now.getTime() / 60_000) };
}

let cache: { estate: string; minute: number; findings: Promise<FindingView[]> } | null = null;
let refreshing: Promise<unknown> | null = null;

/**
 * Every finding in the estate, recomputed only when the estate changed (catalog pages read it often).
 * When only the clock moved on (a minute or two), the last findings are answered while fresh ones
 * are computed for the next reader: the telemetry they read is a minute behind anyway, and no request
 * waits for the recomputation.
 */
export async function allFindings(now = new Date()): Promise<FindingView[]> {
  const stamp = await estateStamp(now);
  const compute = () => {
    const findings = computeFindings(now);
    const entry = { ...stamp, findings };
    findings.catch(() => cache === entry && (cache = null));
    return entry;
  };
  if (!cache || cache.estate !== stamp.estate || Math.abs(stamp.minute - cache.minute) > 2) {
    cache = compute();
  } else if (stamp.minute !== cache.minute && !refreshing) {
    const entry = compute();
    refreshing = entry.findings.then(
      () => {
        // Unless a newer estate was computed meanwhile.
        if (cache && cache.estate === entry.estate && cache.minute <= entry.minute) cache = entry;
      },
      () => undefined,
    ).finally(() => (refreshing = null));
  }
  return cache.findings;
}

/** Open (unwaived) error and warning counts per integration key, for badges in lists. */
export async function findingCounts(): Promise<Map<string, { error: number; warning: number }>> {
  const counts = new Map<string, { error: number; warning: number }>();
  for (const f of await allFindings()) {
    if (!f.integration || f.waived || f.severity === "info") continue;
    const c = counts.get(f.integration) ?? { error: 0, warning: 0 };
    c[f.severity] += 1;
    counts.set(f.integration, c);
  }
  return counts;
}

/**
 * The live declarations, kept between computations and brought up to date from the rows updated
 * since (an index on updated_at): re-reading all 5,000 of a big estate with their services took
 * 240–300 ms of each recomputation. The window reaches back DELTA_OVERLAP_MS before the newest row
 * seen, so a transaction that committed late with an earlier updated_at is still picked up; a
 * service changed (slugs, owners and telemetry names come from it) or a count that disagrees (a
 * row deleted) reloads everything.
 */
const DELTA_OVERLAP_MS = 5 * 60_000;
interface Loaded {
  services: string;
  newest: Date;
  rows: Map<string, { key: string; updatedAt: Date; declaration: ReturnType<typeof declarationOf>; owner: string }>;
}
let loaded: Loaded | null = null;

type Row = Awaited<ReturnType<typeof loadRows>>[number];
const loadRows = (since: Date | null) =>
  db().integrationPoint.findMany({ where: since ? { updatedAt: { gt: since } } : { lifecycle: { not: "retired" } }, include: integrationInclude });

async function liveDeclarations(): Promise<Loaded["rows"]> {
  const [[stamp], [count]] = await Promise.all([
    db().$queryRaw<{ services: string }[]>`SELECT concat(count(*), max(updated_at)) AS services FROM services`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM integration_points WHERE lifecycle <> 'retired'`,
  ]);
  const entry = (r: Row) => ({ key: r.key, updatedAt: r.updatedAt, declaration: declarationOf(r), owner: r.source.team.slug });
  const newestOf = (rows: Row[], floor: Date) => rows.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), floor);
  if (loaded && loaded.services === stamp?.services) {
    const since = new Date(loaded.newest.getTime() - DELTA_OVERLAP_MS);
    const changed = await loadRows(since);
    const rows = new Map(loaded.rows);
    for (const r of changed) {
      if (r.lifecycle === "retired") rows.delete(r.key);
      else rows.set(r.key, entry(r));
    }
    if (rows.size === count?.n) {
      loaded = { services: loaded.services, newest: newestOf(changed, loaded.newest), rows };
      return rows;
    }
  }
  const all = await loadRows(null);
  loaded = { services: stamp?.services ?? "", newest: newestOf(all, new Date(0)), rows: new Map(all.map((r) => [r.key, entry(r)])) };
  return loaded.rows;
}

async function computeFindings(now: Date): Promise<FindingView[]> {
  const [rows, journeys, settings, waivers, journeyTeams, observedNow] = await Promise.all([
    liveDeclarations(),
    journeyContexts(),
    policySettings(),
    activeWaivers(now),
    db().journey.findMany({ select: { slug: true, team: { select: { slug: true } } } }),
    observations(now),
  ]);
  const declared = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const owner = new Map(declared.map((r) => [r.key, r.owner]));
  const journeyOwner = new Map(journeyTeams.map((j) => [j.slug, j.team.slug]));
  const findings = evaluatePolicies(rules, { integrations: declared.map((r) => r.declaration), journeys, today: now.toISOString().slice(0, 10), observations: observedNow }, settings, waivers, now);
  return findings.map((f) => ({ ...f, team: (f.integration && owner.get(f.integration)) || (f.journey && journeyOwner.get(f.journey)) || null }));
}

/** A journey's findings are its own and those of the integration points it runs through. */
async function journeyStepKeys(slug: string): Promise<Set<string>> {
  const steps = await db().journeyStep.findMany({ where: { journey: { slug } }, select: { integration: { select: { key: true } } } });
  return new Set(steps.map((s) => s.integration.key));
}

export async function listFindings(actor: Actor, query: FindingsQuery, now = new Date()): Promise<FindingsResult> {
  authorize(actor, "catalog:read");
  const stepKeys = query.journey ? await journeyStepKeys(query.journey) : null;
  const items = (await allFindings(now)).filter(
    (f) =>
      (!query.severity || f.severity === query.severity) &&
      (!query.rule || f.rule === query.rule) &&
      (!query.team || f.team === query.team) &&
      (!query.journey || f.journey === query.journey || (f.journey === null && f.integration !== null && stepKeys!.has(f.integration))) &&
      (!query.integration || f.integration === query.integration) &&
      (!query.waived || String(f.waived) === query.waived),
  );
  const open = items.filter((f) => !f.waived);
  const counts = {
    error: open.filter((f) => f.severity === "error").length,
    warning: open.filter((f) => f.severity === "warning").length,
    info: open.filter((f) => f.severity === "info").length,
    waived: items.length - open.length,
  };
  const ordered = query.groupBy ? orderFindings(items, query.groupBy) : items;
  const grouped = query.groupBy ? { groups: groupFindings(items, query.groupBy) } : {};
  if (query.limit === undefined && query.cursor === undefined) return { items: ordered, nextCursor: null, counts, ...grouped };
  const offset = decodeOffsetCursor(query.cursor);
  const end = offset + (query.limit ?? DEFAULT_FINDINGS_LIMIT);
  return { items: ordered.slice(offset, end), nextCursor: end < ordered.length ? encodeOffsetCursor(end) : null, counts, ...grouped, total: ordered.length };
}
