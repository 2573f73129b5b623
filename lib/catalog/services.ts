// Services: the nodes of the integration graph, each owned by one team.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db, inTransaction, type Tx } from "@/lib/db/client";
import { slugSchema } from "@/lib/admin/team-schema";
import { AppError } from "@/lib/errors";
import { providedOnly } from "@/lib/validation";
import { serviceSchema, serviceUpdateSchema, type ServiceInput, type ServiceView } from "./service-schema";
import { plural } from "@/lib/format/plural";
import { pageRange, type PageRange } from "@/lib/format/page-of";
import { readDb, withReader } from "@/lib/db/replicas";

export { serviceSchema, serviceUpdateSchema, type ServiceInput, type ServiceView } from "./service-schema";

const include = { team: { select: { slug: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof findService>>>;
function findService(client: Tx | ReturnType<typeof db>, slug: string) {
  return client.service.findUnique({ where: { slug }, include });
}

function view(s: Row): ServiceView {
  return {
    slug: s.slug,
    name: s.name,
    team: s.team.slug,
    tier: s.tier,
    description: s.description,
    links: s.links as ServiceView["links"],
    telemetryName: s.telemetryName,
    type: s.type,
    lifecycle: s.lifecycle,
    system: s.system,
    tags: s.tags,
  };
}

async function teamId(client: Tx, slug: string): Promise<string> {
  const team = await client.team.findUnique({ where: { slug } });
  if (!team) throw new AppError("validation_failed", `Unknown team ${slug}`, [{ path: "team", message: "Unknown team" }]);
  return team.id;
}

const facetValue = z.string().trim().min(1).max(63).optional();

export const serviceListQuerySchema = z.object({
  team: slugSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** Backstage fields: exact matches (a tag is one of the service's tags). */
  lifecycle: facetValue,
  system: facetValue,
  tag: facetValue,
});
export type ServiceListQuery = z.infer<typeof serviceListQuerySchema>;

function serviceWhere(query: ServiceListQuery) {
  return {
    team: query.team ? { slug: query.team } : undefined,
    lifecycle: query.lifecycle,
    system: query.system,
    tags: query.tag ? { has: query.tag } : undefined,
    OR: query.q
      ? [{ slug: { contains: query.q, mode: "insensitive" as const } }, { name: { contains: query.q, mode: "insensitive" as const } }]
      : undefined,
  };
}

export async function listServices(actor: Actor, query: ServiceListQuery = {}): Promise<ServiceView[]> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const rows = await readDb().service.findMany({ where: serviceWhere(query), include, orderBy: { slug: "asc" } });
    return rows.map(view);
  });
}

export interface ServicePage extends PageRange {
  items: ServiceView[];
  /** Services matching the filters, across all pages. */
  total: number;
}

/** One page of the filtered list, cut by the database: a catalog of 10,000 services reads one page of rows. */
export async function listServicePage(actor: Actor, query: ServiceListQuery, page: number, size: number): Promise<ServicePage> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const where = serviceWhere(query);
    const total = await readDb().service.count({ where });
    const range = pageRange(total, page, size);
    const rows = total ? await readDb().service.findMany({ where, include, orderBy: { slug: "asc" }, skip: range.offset, take: size }) : [];
    return { ...range, items: rows.map(view), total };
  });
}

export interface ServiceFacets {
  lifecycles: string[];
  systems: string[];
  tags: string[];
}

/** The values the Backstage-field filters can take, from what the catalog holds. */
export async function serviceFacets(actor: Actor): Promise<ServiceFacets> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const rows = await readDb().$queryRaw<{ kind: keyof ServiceFacets; value: string }[]>`
      SELECT 'lifecycles' AS kind, lifecycle AS value FROM services WHERE lifecycle IS NOT NULL GROUP BY lifecycle
      UNION ALL SELECT 'systems', system FROM services WHERE system IS NOT NULL GROUP BY system
      UNION ALL SELECT 'tags', t FROM services, unnest(tags) AS t GROUP BY t`;
    const facets: ServiceFacets = { lifecycles: [], systems: [], tags: [] };
    for (const r of rows) facets[r.kind].push(r.value);
    for (const list of Object.values(facets) as string[][]) list.sort((a, b) => a.localeCompare(b));
    return facets;
  });
}

export async function getService(actor: Actor, slug: string): Promise<ServiceView> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const row = await findService(readDb(), slug);
    if (!row) throw new AppError("not_found", `No service ${slug}`);
    return view(row);
  });
}

export async function createService(actor: Actor, input: ServiceInput, client?: Tx): Promise<ServiceView> {
  const data = serviceSchema.parse(input);
  return inTransaction(client, async (tx) => {
    const ownerTeamId = await teamId(tx, data.team);
    authorize(actor, "catalog:write", { ownerTeamId });
    const row = await tx.service.create({
      data: {
        slug: data.slug,
        name: data.name,
        teamId: ownerTeamId,
        tier: data.tier,
        description: data.description,
        links: data.links,
        telemetryName: data.telemetryName ?? data.slug,
        type: data.type,
        lifecycle: data.lifecycle,
        system: data.system,
        tags: data.tags,
      },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "service.create", entityType: "service", entityId: row.slug, after: view(row) });
    return view(row);
  });
}

export async function updateService(actor: Actor, slug: string, input: unknown, client?: Tx): Promise<ServiceView> {
  const data = providedOnly(input, serviceUpdateSchema.parse(input));
  return inTransaction(client, async (tx) => {
    const before = await findService(tx, slug);
    if (!before) throw new AppError("not_found", `No service ${slug}`);
    authorize(actor, "catalog:write", { ownerTeamId: before.teamId });
    const newTeamId = data.team ? await teamId(tx, data.team) : undefined;
    if (newTeamId) authorize(actor, "catalog:write", { ownerTeamId: newTeamId });
    const after = await tx.service.update({
      where: { slug },
      data: {
        name: data.name,
        teamId: newTeamId,
        tier: data.tier,
        description: data.description,
        links: data.links,
        telemetryName: data.telemetryName === undefined ? undefined : (data.telemetryName ?? slug),
        type: data.type,
        lifecycle: data.lifecycle,
        system: data.system,
        tags: data.tags,
        version: { increment: 1 },
      },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "service.update", entityType: "service", entityId: slug, before: view(before), after: view(after) });
    return view(after);
  });
}

export async function deleteService(actor: Actor, slug: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await findService(tx, slug);
    if (!before) throw new AppError("not_found", `No service ${slug}`);
    authorize(actor, "catalog:write", { ownerTeamId: before.teamId });
    // Integration points (retired ones too: they keep their history) hold the service in place.
    const referencing = await tx.integrationPoint.findMany({
      where: { OR: [{ sourceServiceId: before.id }, { targetServiceId: before.id }] },
      select: { key: true, lifecycle: true },
      orderBy: { key: "asc" },
    });
    if (referencing.length) {
      const named = referencing.slice(0, 5).map((r) => (r.lifecycle === "retired" ? `${r.key} (retired)` : r.key));
      const more = referencing.length > named.length ? ` and ${referencing.length - named.length} more` : "";
      throw new AppError("conflict", `Service ${slug} is still a caller or callee of ${plural(referencing.length, "integration point")}: ${named.join(", ")}${more}; delete those first`, {
        integrations: referencing.map((r) => r.key),
      });
    }
    await tx.service.delete({ where: { slug } });
    await recordAudit(tx, auditActor(actor), { action: "service.delete", entityType: "service", entityId: slug, before: view(before) });
  });
}
