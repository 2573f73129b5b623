// GET /api/search: the command palette's server side (issue 20). Finds integration points, services,
// teams, journeys and decision records by key, slug, name or title, ranked exact → prefix → substring
// (./rank.ts), grouped by kind. Each tier of each field is its own index-backed, ordered, limited
// subquery (btree over lower(…) COLLATE "C" for exact and prefix, trigram GIN for substrings; see the
// 20261204210000_search_indexes migration), so the cost follows the limit, not the estate's size.
import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/decisions/workflow";
import { decisionNumberOf, likePatterns, matchTiers, MIN_SUBSTRING_CHARS, tierOrder, type MatchTier } from "./rank";

export const searchKinds = ["integration", "service", "team", "journey", "decision"] as const;
export type SearchKind = (typeof searchKinds)[number];

export const SEARCH_MAX_LIMIT = 20;

export const searchQuerySchema = z.object({
  q: z
    .string({ error: "q is required: the text to search for" })
    .trim()
    .min(1, "q must not be empty")
    .max(100, "q is at most 100 characters")
    // eslint-disable-next-line no-control-regex
    .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), "q may not contain control characters"),
  limit: z.coerce
    .number({ error: "limit is a whole number" })
    .int("limit is a whole number")
    .min(1, "limit is at least 1")
    .max(SEARCH_MAX_LIMIT, `limit is at most ${SEARCH_MAX_LIMIT}`)
    .default(5)
    .describe("Hits per kind"),
  kinds: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(searchKinds, { error: `kinds are among ${searchKinds.join(", ")}` })).min(1, "kinds names at least one kind"))
    .optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface SearchHit {
  kind: SearchKind;
  /** The stable identifier: an integration point's key, a slug, or ADR-0012. */
  key: string;
  label: string;
  detail: string;
  href: string;
  tier: MatchTier;
}
export interface SearchGroup {
  kind: SearchKind;
  items: SearchHit[];
  /** More hits of this kind exist beyond the limit. */
  more: boolean;
}
export interface SearchResult {
  query: string;
  groups: SearchGroup[];
}

/** Where each kind is searched: its table, the lower-cased fields compared, and what the catalog hides. */
interface Source {
  from: Prisma.Sql;
  fields: Prisma.Sql[];
  visible: Prisma.Sql;
}
// Field expressions match the migration's index expressions exactly; identifiers come only from here.
const lowerC = (column: "key" | "slug" | "name" | "title") => Prisma.raw(`lower("${column}") COLLATE "C"`);
const sources: Record<SearchKind, Source> = {
  // The catalog list leaves retired integration points out unless asked for; so does search.
  integration: { from: Prisma.sql`integration_points`, fields: [lowerC("key")], visible: Prisma.sql`lifecycle <> 'retired'` },
  service: { from: Prisma.sql`services`, fields: [lowerC("slug"), lowerC("name")], visible: Prisma.sql`TRUE` },
  team: { from: Prisma.sql`teams`, fields: [lowerC("slug"), lowerC("name")], visible: Prisma.sql`TRUE` },
  journey: { from: Prisma.sql`journeys`, fields: [lowerC("slug"), lowerC("name")], visible: Prisma.sql`TRUE` },
  decision: { from: Prisma.sql`decision_records`, fields: [lowerC("title")], visible: Prisma.sql`TRUE` },
};

/**
 * Ids and their best tier (0 exact, 1 prefix, 2 substring), each tier of each field an ordered, limited
 * scan of its own index. Substrings are asked for only with how many rows the earlier tiers hold
 * (`substringTake` = take + that count): a substring scan that also meets those rows still finds
 * `take` others, and a common substring stops after a few index entries instead of scanning them all.
 */
function candidates(kind: SearchKind, q: string, take: number, substringTake: number | null): Prisma.Sql {
  const { from, fields, visible } = sources[kind];
  const p = likePatterns(q);
  const parts: Prisma.Sql[] = [
    Prisma.sql`(SELECT id, 0 AS tier FROM ${from} WHERE ${visible} AND (${Prisma.join(fields.map((f) => Prisma.sql`${f} = ${p.exact}`), " OR ")}) LIMIT ${take})`,
    ...fields.map((f) => Prisma.sql`(SELECT id, 1 AS tier FROM ${from} WHERE ${visible} AND ${f} LIKE ${p.prefix} ORDER BY ${f} LIMIT ${take})`),
  ];
  if (substringTake !== null) {
    parts.push(...fields.map((f) => Prisma.sql`(SELECT id, 2 AS tier FROM ${from} WHERE ${visible} AND ${f} LIKE ${p.substring} ORDER BY ${f} LIMIT ${substringTake})`));
  }
  const number = kind === "decision" ? decisionNumberOf(q) : null;
  if (number !== null) parts.push(Prisma.sql`(SELECT id, 0 AS tier FROM decision_records WHERE number = ${number})`);
  return Prisma.sql`SELECT id, min(tier)::int AS tier FROM (${Prisma.join(parts, " UNION ALL ")}) c GROUP BY id`;
}

interface Row {
  key: string;
  label: string;
  detail: string;
  tier: number;
}

/** Per kind: the display columns of the candidates, best tier first. */
const details: Record<SearchKind, (c: Prisma.Sql, take: number) => Prisma.Sql> = {
  integration: (c, take) => Prisma.sql`
    WITH c AS (${c})
    SELECT ip.key, ip.key AS label, ip.style || ' · ' || ip.protocol || ' · ' || ip.lifecycle AS detail, c.tier
    FROM c JOIN integration_points ip ON ip.id = c.id
    ORDER BY c.tier, lower(ip.key) COLLATE "C" LIMIT ${take}`,
  service: (c, take) => Prisma.sql`
    WITH c AS (${c})
    SELECT s.slug AS key, s.name AS label, s.slug || ' · ' || t.name AS detail, c.tier
    FROM c JOIN services s ON s.id = c.id JOIN teams t ON t.id = s.team_id
    ORDER BY c.tier, lower(s.slug) COLLATE "C" LIMIT ${take}`,
  team: (c, take) => Prisma.sql`
    WITH c AS (${c})
    SELECT t.slug AS key, t.name AS label, t.slug AS detail, c.tier
    FROM c JOIN teams t ON t.id = c.id
    ORDER BY c.tier, lower(t.slug) COLLATE "C" LIMIT ${take}`,
  journey: (c, take) => Prisma.sql`
    WITH c AS (${c})
    SELECT j.slug AS key, j.name AS label, j.slug AS detail, c.tier
    FROM c JOIN journeys j ON j.id = c.id
    ORDER BY c.tier, lower(j.slug) COLLATE "C" LIMIT ${take}`,
  decision: (c, take) => Prisma.sql`
    WITH c AS (${c})
    SELECT d.number::text AS key, d.title AS label, d.status AS detail, c.tier
    FROM c JOIN decision_records d ON d.id = c.id
    ORDER BY c.tier, lower(d.title) COLLATE "C", d.number LIMIT ${take}`,
};

const hrefOf: Record<SearchKind, (key: string) => string> = {
  integration: (key) => `/catalog/${encodeURIComponent(key)}`,
  service: (key) => `/services/${encodeURIComponent(key)}`,
  team: (key) => `/teams/${encodeURIComponent(key)}`,
  journey: (key) => `/journeys/${encodeURIComponent(key)}`,
  decision: (key) => `/decisions/${key}`,
};

/** One look for one kind: `take` display rows, best first; substrings included when `substringTake` is set. */
export const kindQuery = (kind: SearchKind, q: string, take: number, substringTake: number | null) => details[kind](candidates(kind, q, take, substringTake), take);

async function searchKind(kind: SearchKind, q: string, limit: number): Promise<SearchGroup> {
  // One more than asked tells whether there are more.
  const take = limit + 1;
  const run = (substringTake: number | null) => db().$queryRaw<Row[]>(kindQuery(kind, q, take, substringTake));
  let rows = await run(null);
  // Exact and prefix hits fill the list, or the query is too short for substrings: no second look.
  if (rows.length < take && q.trim().length >= MIN_SUBSTRING_CHARS) rows = await run(take + rows.length);
  const items = rows.slice(0, limit).map((r): SearchHit => {
    const decision = kind === "decision";
    return {
      kind,
      key: decision ? formatNumber(Number(r.key)) : r.key,
      label: r.label,
      detail: decision ? `${formatNumber(Number(r.key))} · ${r.detail}` : r.detail,
      href: hrefOf[kind](r.key),
      tier: matchTiers[r.tier] ?? "substring",
    };
  });
  return { kind, items, more: rows.length > limit };
}

export async function search(actor: Actor, query: SearchQuery): Promise<SearchResult> {
  authorize(actor, "catalog:read");
  const kinds = query.kinds ?? searchKinds;
  const groups = await Promise.all(kinds.map((kind) => searchKind(kind, query.q, query.limit)));
  // Groups whose best hit ranks higher come first; equal ones keep the kinds' order.
  const best = (g: SearchGroup) => tierOrder(g.items[0]!.tier);
  const found = groups.filter((g) => g.items.length > 0).sort((a, b) => best(a) - best(b) || searchKinds.indexOf(a.kind) - searchKinds.indexOf(b.kind));
  return { query: query.q, groups: found };
}
