// Teams own services (and, through them, integration points); admins manage them and their members.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db, inTransaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { slugSchema, teamCreateSchema } from "./team-schema";
import { plural } from "@/lib/format/plural";

export { slugSchema, teamCreateSchema } from "./team-schema";

export const teamUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    parent: slugSchema.nullable(),
    members: z.array(z.string().trim().toLowerCase().email()).max(500),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");

export interface TeamView {
  slug: string;
  name: string;
  parent: string | null;
  members?: string[];
  serviceCount?: number;
}

const include = { parent: { select: { slug: true } }, memberships: { include: { user: { select: { email: true } } } }, _count: { select: { services: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof findTeam>>>;
function findTeam(slug: string) {
  return db().team.findUnique({ where: { slug }, include });
}

function view(t: Row): TeamView {
  return { slug: t.slug, name: t.name, parent: t.parent?.slug ?? null, members: t.memberships.map((m) => m.user.email).sort(), serviceCount: t._count.services };
}

export async function listTeams(actor: Actor): Promise<TeamView[]> {
  authorize(actor, "catalog:read");
  const rows = await db().team.findMany({ include, orderBy: { name: "asc" } });
  return rows.map(view);
}

export async function getTeam(actor: Actor, slug: string): Promise<TeamView> {
  authorize(actor, "catalog:read");
  const team = await findTeam(slug);
  if (!team) throw new AppError("not_found", `No team ${slug}`);
  return view(team);
}

/** The parent's id; refuses an unknown team and a parent that would close a loop (a team under itself). */
async function parentId(tx: Tx, slug: string, parent: string | null): Promise<string | null> {
  if (parent === null) return null;
  const problem = (message: string) => new AppError("validation_failed", message, [{ path: "parent", message }]);
  let at = await tx.team.findUnique({ where: { slug: parent }, select: { id: true, slug: true, parentId: true } });
  if (!at) throw problem(`Unknown parent team ${parent}`);
  const id = at.id;
  for (let depth = 0; at; depth++) {
    if (at.slug === slug || depth > 1000) throw problem(`Team ${parent} is ${slug} itself or sits under it: a team cannot be its own ancestor`);
    at = at.parentId ? await tx.team.findUnique({ where: { id: at.parentId }, select: { id: true, slug: true, parentId: true } }) : null;
  }
  return id;
}

export async function createTeam(actor: Actor, input: z.input<typeof teamCreateSchema>, client?: Tx): Promise<TeamView> {
  authorize(actor, "teams:manage");
  const { parent, ...data } = teamCreateSchema.parse(input);
  return inTransaction(client, async (tx) => {
    const team = await tx.team.create({ data: { ...data, parentId: await parentId(tx, data.slug, parent) }, include });
    await recordAudit(tx, auditActor(actor), { action: "team.create", entityType: "team", entityId: team.id, after: view(team) });
    return view(team);
  });
}

export async function updateTeam(actor: Actor, slug: string, input: z.input<typeof teamUpdateSchema>, client?: Tx): Promise<TeamView> {
  authorize(actor, "teams:manage");
  const data = teamUpdateSchema.parse(input);
  return inTransaction(client, async (tx) => {
    const before = await tx.team.findUnique({ where: { slug }, include });
    if (!before) throw new AppError("not_found", `No team ${slug}`);
    if (data.members) {
      const users = await tx.user.findMany({ where: { email: { in: data.members } }, select: { id: true, email: true } });
      const missing = data.members.filter((e) => !users.some((u) => u.email === e));
      if (missing.length) throw new AppError("validation_failed", `Unknown user: ${missing.join(", ")}`, [{ path: "members", message: "Unknown user" }]);
      await tx.teamMembership.deleteMany({ where: { teamId: before.id } });
      await tx.teamMembership.createMany({ data: users.map((u) => ({ userId: u.id, teamId: before.id })) });
    }
    const parent = data.parent === undefined ? undefined : await parentId(tx, slug, data.parent);
    const after = await tx.team.update({ where: { slug }, data: { name: data.name, parentId: parent }, include });
    await recordAudit(tx, auditActor(actor), { action: "team.update", entityType: "team", entityId: before.id, before: view(before), after: view(after) });
    return view(after);
  });
}

export async function deleteTeam(actor: Actor, slug: string): Promise<void> {
  authorize(actor, "teams:manage");
  await db().$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { slug }, include });
    if (!before) throw new AppError("not_found", `No team ${slug}`);
    if (before._count.services > 0) {
      throw new AppError("conflict", `Team ${slug} still owns ${plural(before._count.services, "service")}; move them to another team first`);
    }
    await tx.team.delete({ where: { slug } });
    await recordAudit(tx, auditActor(actor), { action: "team.delete", entityType: "team", entityId: before.id, before: view(before) });
  });
}
