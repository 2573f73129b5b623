// Who may change what in the catalog, for deciding which controls a page shows. The data functions
// still authorize every write; this only keeps pages from offering what would be refused.
import "server-only";
import type { TeamView } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth/actor";
import { can, canSomewhere } from "@/lib/auth/permissions";

/**
 * Whether the actor may change things the team owns. `can` wants the owning team's id, which the
 * catalog views do not carry (they name teams by slug); team membership by email is the same fact.
 */
export function mayWriteFor(actor: Actor, team: Pick<TeamView, "members">): boolean {
  if (!canSomewhere(actor, "catalog:write")) return false;
  // Without an owner, `can` is true only for roles that ownership does not limit (architect, admin).
  if (can(actor, "catalog:write", {})) return true;
  return team.members?.includes(actor.email) ?? false;
}

/** Whether the actor may declare anything at all (shows "Declare an integration point"). */
export const mayDeclare = (actor: Actor) => canSomewhere(actor, "catalog:write");
