// The authenticated caller of a data function, and the check every data function makes.
import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit";
import { can, type Action, type Resource, type Role, type Scope, type Subject } from "./permissions";

export interface Actor extends Subject {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token" | "system";
  tokenId?: string;
}

/** The `edgewise` CLI and the seed act as the system: everything is allowed and audited as such. */
export const systemActor = (label = "system"): Actor => ({
  userId: "00000000-0000-0000-0000-000000000000",
  email: label,
  name: label,
  role: "admin",
  teamIds: [],
  via: "system",
});

export function auditActor(actor: Actor): AuditActor {
  if (actor.via === "system") return { userId: null, label: actor.name };
  return { userId: actor.userId, label: actor.via === "token" ? `${actor.email} (token)` : actor.email };
}

export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  if (can(actor, action, resource)) return;
  // Blame the token's scopes only when they are what stands in the way: the role alone would be allowed.
  if (actor.scopes && actor.via === "token" && can({ role: actor.role, teamIds: actor.teamIds }, action, resource)) {
    throw new AppError("forbidden", `This token's scopes (${actor.scopes.join(", ") || "none"}) do not allow ${action}`);
  }
  throw new AppError("forbidden", `Your role (${actor.role}) does not allow ${action}${resource?.ownerTeamId ? " on another team's resource" : ""}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user's columns as an actor needs them (from `users u`), with their teams: shared by sessions and tokens. */
export const ACTOR_COLUMNS = Prisma.sql`u.id::text AS user_id, u.email, u.name, u.role::text AS role,
  ARRAY(SELECT m.team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS team_ids`;
export interface ActorRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  team_ids: string[];
}
type ActorExtra = Pick<Actor, "scopes" | "tokenId">;
export const actorOf = (row: ActorRow, via: Actor["via"], extra: ActorExtra = {}): Actor => ({
  userId: row.user_id,
  email: row.email,
  name: row.name,
  role: row.role,
  teamIds: row.team_ids,
  via,
  ...extra,
});

/**
 * Loads the user's current role and teams (so a role change applies at once, not at next sign-in), in
 * one raw query: every signed-in page and request asks it, and an ORM query is compiled each time.
 */
export async function loadActor(userId: string, via: Actor["via"], extra: ActorExtra = {}): Promise<Actor | null> {
  if (!UUID.test(userId)) return null;
  const [user] = await db().$queryRaw<ActorRow[]>`SELECT ${ACTOR_COLUMNS} FROM users u WHERE u.id = ${userId}::uuid AND u.disabled_at IS NULL`;
  return user ? actorOf(user, via, extra) : null;
}
