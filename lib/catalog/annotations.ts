// Annotations: time markers drawn on latency charts — accepted decisions (created by the workflow),
// deploys and incidents (posted by CI pipelines and people).
import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const annotationSchema = z.object({
  at: z.iso.datetime({ offset: true, error: "at is an ISO-8601 date-time" }).optional(),
  kind: z.enum(["deploy", "incident"], { error: "kind is deploy or incident (decisions annotate themselves when accepted)" }),
  title: z.string().trim().min(1, "Give the annotation a title").max(200),
  link: z.string().trim().url("link must be a full URL").refine((u) => /^https?:\/\//i.test(u), "Links must be http(s) URLs").nullish(),
  integrations: z.array(z.string().trim().min(1)).min(1, "Name at least one integration point").max(100),
});

export const annotationQuerySchema = z.object({
  integration: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export interface AnnotationView {
  id: string;
  at: string;
  kind: string;
  title: string;
  link: string | null;
  integrations: string[];
}

export async function createAnnotation(actor: Actor, input: z.input<typeof annotationSchema>): Promise<AnnotationView> {
  const data = annotationSchema.parse(input);
  return db().$transaction(async (tx) => {
    const found = await tx.integrationPoint.findMany({ where: { key: { in: data.integrations } }, select: { id: true, key: true, source: { select: { teamId: true } } } });
    const missing = data.integrations.filter((k) => !found.some((f) => f.key === k));
    if (missing.length) throw new AppError("validation_failed", `Unknown integration point: ${missing.join(", ")}`, missing.map((k) => ({ path: "integrations", message: `Unknown integration point ${k}` })));
    // Marking an integration's chart is writing to it: the owner's members (or architects) may.
    for (const f of found) authorize(actor, "catalog:write", { ownerTeamId: f.source.teamId });
    const row = await tx.annotation.create({
      data: { at: data.at ? new Date(data.at) : new Date(), kind: data.kind, title: data.title, link: data.link ?? null, integrationIds: found.map((f) => f.id) },
    });
    const view = { id: row.id, at: row.at.toISOString(), kind: row.kind, title: row.title, link: row.link, integrations: found.map((f) => f.key) };
    await recordAudit(tx, auditActor(actor), { action: "annotation.create", entityType: "annotation", entityId: row.id, after: view });
    return view;
  });
}

export async function listAnnotations(actor: Actor, query: z.infer<typeof annotationQuerySchema>): Promise<AnnotationView[]> {
  authorize(actor, "catalog:read");
  // Raw queries: the latency tab polls this and the overview renders it on every visit.
  const [integration] = query.integration
    ? await db().$queryRaw<{ id: string }[]>`SELECT id::text FROM integration_points WHERE key = ${query.integration}`
    : [];
  if (query.integration && !integration) throw new AppError("not_found", `No integration point ${query.integration}`);
  const where = [
    integration ? Prisma.sql`a.integration_ids @> ARRAY[${integration.id}::uuid]` : null,
    query.from ? Prisma.sql`a.at >= ${new Date(query.from)}` : null,
    query.to ? Prisma.sql`a.at < ${new Date(query.to)}` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const rows = await db().$queryRaw<{ id: string; at: Date; kind: string; title: string; link: string | null; integrations: string[] }[]>`
    SELECT a.id::text, a.at, a.kind, a.title, a.link,
           ARRAY(SELECT coalesce(ip.key, x.id::text) FROM unnest(a.integration_ids) WITH ORDINALITY AS x(id, n)
                 LEFT JOIN integration_points ip ON ip.id = x.id ORDER BY x.n) AS integrations
    FROM annotations a
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY a.at ASC
    LIMIT 1000`;
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), kind: r.kind, title: r.title, link: r.link, integrations: r.integrations }));
}
