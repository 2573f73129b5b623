// Users: created by admins (or by OIDC on first sign-in), with a role and team memberships.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { roles, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const password = z.string().min(10, "Passwords need at least 10 characters").max(200);
const teamSlugs = z.array(z.string().trim().min(1)).max(50).transform((s) => [...new Set(s)]);

export const userCreateSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  name: z.string().trim().min(1, "Enter a name").max(100),
  role: z.enum(roles).default("viewer"),
  password,
  teams: teamSlugs.default([]),
});

export const userUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(roles),
    password,
    teams: teamSlugs,
    disabled: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: string[];
  disabled: boolean;
  sso: boolean;
  createdAt: string;
}

const include = { memberships: { include: { team: { select: { slug: true } } } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof findUser>>>;
function findUser(id: string) {
  return db().user.findUnique({ where: { id }, include });
}

function view(u: Row): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    // Written only through userCreateSchema/userUpdateSchema, whose enum is `roles`.
    role: u.role as Role,
    teams: u.memberships.map((m) => m.team.slug).sort(),
    disabled: u.disabledAt !== null,
    sso: u.oidcSubject !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function teamIds(slugs: string[]): Promise<string[]> {
  const teams = await db().team.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((s) => !teams.some((t) => t.slug === s));
  if (missing.length) throw new AppError("validation_failed", `Unknown team: ${missing.join(", ")}`, [{ path: "teams", message: "Unknown team" }]);
  return teams.map((t) => t.id);
}

export async function listUsers(actor: Actor): Promise<UserView[]> {
  authorize(actor, "users:manage");
  const rows = await db().user.findMany({ include, orderBy: { email: "asc" } });
  return rows.map(view);
}

export async function createUser(actor: Actor, input: z.input<typeof userCreateSchema>): Promise<UserView> {
  authorize(actor, "users:manage");
  const data = userCreateSchema.parse(input);
  const ids = await teamIds(data.teams);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash, memberships: { create: ids.map((teamId) => ({ teamId })) } },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "user.create", entityType: "user", entityId: user.id, after: view(user) });
    return view(user);
  });
}

export async function updateUser(actor: Actor, id: string, input: z.input<typeof userUpdateSchema>): Promise<UserView> {
  authorize(actor, "users:manage");
  const data = userUpdateSchema.parse(input);
  if (!z.string().uuid().safeParse(id).success) throw new AppError("not_found", "No such user");
  if (id === actor.userId && (data.role !== undefined && data.role !== "admin" || data.disabled)) {
    throw new AppError("conflict", "You cannot demote or disable yourself; ask another admin");
  }
  const ids = data.teams ? await teamIds(data.teams) : undefined;
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, include });
    if (!before) throw new AppError("not_found", "No such user");
    if (ids) {
      await tx.teamMembership.deleteMany({ where: { userId: id } });
      await tx.teamMembership.createMany({ data: ids.map((teamId) => ({ userId: id, teamId })) });
    }
    const after = await tx.user.update({
      where: { id },
      data: {
        name: data.name,
        role: data.role,
        passwordHash,
        disabledAt: data.disabled === undefined ? undefined : data.disabled ? (before.disabledAt ?? new Date()) : null,
      },
      include,
    });
    await recordAudit(tx, auditActor(actor), {
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: view(before),
      after: { ...view(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return view(after);
  });
}

