// Finding decision records: filters, search, and the reviewer's inbox.
import "server-only";
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { include, toView, type DecisionView } from "./records";
import type { decisionListQuerySchema } from "./schema";
import { readDb, withReader } from "@/lib/db/replicas";

type Query = z.infer<typeof decisionListQuerySchema>;

/** Proposed records by someone else; whether the current revision is reviewed is checked below. */
function awaitingReview(actor: Actor): Prisma.DecisionRecordWhereInput {
  return { status: "proposed", NOT: { authorId: actor.userId } };
}

export async function listDecisions(actor: Actor, query: Query): Promise<DecisionView[]> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const and: Prisma.DecisionRecordWhereInput[] = [];
    if (query.status) and.push({ status: query.status });
    if (query.tag) and.push({ tags: { has: query.tag } });
    if (query.author) and.push({ authorLabel: { contains: query.author, mode: "insensitive" } });
    if (query.integration) and.push({ integrations: { some: { integration: { key: query.integration } } } });
    if (query.team) and.push({ integrations: { some: { integration: { source: { team: { slug: query.team } } } } } });
    if (query.awaiting === "me") and.push(awaitingReview(actor));
    if (query.q) {
      const q = query.q;
      // "ADR-0012", "12": a record number; digits only, so "1e+308" or "0x10" stay text (and never pass PostgreSQL's integer).
      const digits = /^(?:adr-)?0*(\d{1,9})$/i.exec(q);
      const asNumber = digits ? Number(digits[1]) : NaN;
      and.push({
        OR: [{ title: { contains: q, mode: "insensitive" } }, { tags: { has: q.toLowerCase() } }, ...(asNumber > 0 ? [{ number: asNumber }] : [])],
      });
    }
    const orderBy: Prisma.DecisionRecordOrderByWithRelationInput =
      query.sort === "number" ? { number: "asc" } : query.sort === "updated" ? { updatedAt: "asc" } : query.sort === "-updated" ? { updatedAt: "desc" } : query.sort === "title" ? { title: "asc" } : { number: "desc" };
    const rows = await readDb().decisionRecord.findMany({ where: { AND: and }, include, orderBy, take: 500 });
    // Reviews of an older revision do not count: a revised proposal is back in the inbox.
    const filtered = query.awaiting === "me" ? rows.filter((r) => !r.reviews.some((rv) => rv.reviewerId === actor.userId && rv.revision === r.revision && rv.verdict !== "comment")) : rows;
    return filtered.map(toView);
  });
}

/** How many records link an integration point: the count on its Decisions tab. */
export async function countDecisions(actor: Actor, integration: string): Promise<number> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    return readDb().decisionRecord.count({ where: { integrations: { some: { integration: { key: integration } } } } });
  });
}

/** The count shown in the navigation for architects. */
export async function inboxCount(actor: Actor): Promise<number> {
  return withReader(actor, async () => {
    if (actor.role !== "architect" && actor.role !== "admin") return 0;
    const rows = await readDb().decisionRecord.findMany({
      where: { status: "proposed", NOT: { authorId: actor.userId } },
      select: { revision: true, reviews: { where: { reviewerId: actor.userId, verdict: { not: "comment" } }, select: { revision: true } } },
    });
    return rows.filter((r) => !r.reviews.some((rv) => rv.revision === r.revision)).length;
  });
}
