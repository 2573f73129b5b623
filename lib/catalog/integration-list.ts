// The catalog list: server-side filters, full-text search, sorting and paging in one SQL query
// (a hot path: it backs the catalog page and the list API). Sort expressions come from a closed map.
import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { decodeOffsetCursor, encodeOffsetCursor } from "@/lib/offset-cursor";
import { criticalities, lifecycles, styles } from "./integration-schema";
import { integrationRowsByIds, integrationStatuses, toView, type IntegrationStatus, type IntegrationView } from "./integrations";
import { readDb, withReader } from "@/lib/db/replicas";

const sortColumns = {
  key: Prisma.sql`ip.key`,
  source: Prisma.sql`s.slug`,
  target: Prisma.sql`t.slug`,
  style: Prisma.sql`ip.style`,
  protocol: Prisma.sql`ip.protocol`,
  criticality: Prisma.sql`array_position(ARRAY['critical','high','medium','low']::text[], ip.criticality)`,
  lifecycle: Prisma.sql`array_position(ARRAY['proposed','active','migrating','deprecated','retired']::text[], ip.lifecycle)`,
  team: Prisma.sql`team.slug`,
  p99: Prisma.sql`ip.budget_p99_ms`,
  updated: Prisma.sql`ip.updated_at`,
} as const;
export const sortKeys = Object.keys(sortColumns) as (keyof typeof sortColumns)[];

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `${what} is one of ${values.join(", ")}` })))
    .optional();
const slug = z.string().trim().max(63).optional();

export const integrationListQuerySchema = z.object({
  team: slug,
  source: slug,
  target: slug,
  service: slug,
  style: list(styles, "style"),
  lifecycle: list(lifecycles, "lifecycle"),
  criticality: list(criticalities, "criticality"),
  protocol: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))
    .optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  status: z.enum(integrationStatuses, { error: `status is one of ${integrationStatuses.join(", ")}` }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${sortKeys.join("|")})$`), `sort is one of ${sortKeys.join(", ")}, with - for descending`)
    .default("key"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type IntegrationListQuery = z.infer<typeof integrationListQuerySchema>;

export interface IntegrationPage {
  items: IntegrationView[];
  nextCursor: string | null;
  total: number;
}

function whereClause(q: IntegrationListQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (q.team) parts.push(Prisma.sql`team.slug = ${q.team}`);
  if (q.source) parts.push(Prisma.sql`s.slug = ${q.source}`);
  if (q.target) parts.push(Prisma.sql`t.slug = ${q.target}`);
  if (q.service) parts.push(Prisma.sql`(s.slug = ${q.service} OR t.slug = ${q.service})`);
  if (q.style?.length) parts.push(Prisma.sql`ip.style = ANY(${q.style}::text[])`);
  if (q.protocol?.length) parts.push(Prisma.sql`ip.protocol = ANY(${q.protocol}::text[])`);
  if (q.criticality?.length) parts.push(Prisma.sql`ip.criticality = ANY(${q.criticality}::text[])`);
  // Retired integrations leave the catalog unless asked for by lifecycle.
  if (q.lifecycle?.length) parts.push(Prisma.sql`ip.lifecycle = ANY(${q.lifecycle}::text[])`);
  else parts.push(Prisma.sql`ip.lifecycle <> 'retired'`);
  if (q.tag) parts.push(Prisma.sql`ip.tags @> ARRAY[${q.tag}]::text[]`);
  // Health rows are written by lib/slo/health.ts; an integration point without one has no data yet.
  if (q.status) parts.push(Prisma.sql`coalesce(h.status, 'no-data') = ${q.status}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(ip.search @@ websearch_to_tsquery('simple', ${q.q}) OR ip.key ILIKE ${like} OR s.name ILIKE ${like} OR t.name ILIKE ${like})`);
  }
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export async function listIntegrations(actor: Actor, query: IntegrationListQuery): Promise<IntegrationPage> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const offset = decodeOffsetCursor(query.cursor);
    const descending = query.sort.startsWith("-");
    const column = sortColumns[query.sort.replace(/^-/, "") as keyof typeof sortColumns];
    const direction = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const rows = await readDb().$queryRaw<{ id: string; status: IntegrationStatus | null; total: bigint }[]>`
      SELECT ip.id, h.status, count(*) OVER () AS total
      FROM integration_points ip
      JOIN services s ON s.id = ip.source_service_id
      JOIN services t ON t.id = ip.target_service_id
      JOIN teams team ON team.id = s.team_id
      LEFT JOIN integration_health h ON h.integration_id = ip.id
      ${whereClause(query)}
      ORDER BY ${column} ${direction} NULLS LAST, ip.key ASC
      LIMIT ${query.limit} OFFSET ${offset}`;
    const total = Number(rows[0]?.total ?? 0);
    const ids = rows.map((r) => r.id);
    const statuses = new Map(rows.map((r) => [r.id, r.status ?? "no-data"]));
    const full = await integrationRowsByIds(ids);
    const byId = new Map(full.map((r) => [r.id, r]));
    const items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toView(row, statuses.get(id))] : [];
    });
    const next = offset + rows.length;
    return { items, nextCursor: rows.length === query.limit && next < total ? encodeOffsetCursor(next) : null, total };
  });
}
