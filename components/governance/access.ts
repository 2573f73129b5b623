// Which governance controls a page offers. The data functions still authorize every write; this only
// keeps pages from showing buttons whose requests would be refused.
import "server-only";
import type { TeamView } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth/actor";
import { can, canSomewhere } from "@/lib/auth/permissions";

/** Whether the actor may create journeys at all (a member only for their own teams). */
export const mayCreateJourneys = (actor: Actor) => canSomewhere(actor, "catalog:write");

/**
 * Whether the actor may change what `team` owns. `can` wants the owning team's id, which views do
 * not carry (they name teams by slug); membership by email is the same fact.
 */
export function mayWriteFor(actor: Actor, team: Pick<TeamView, "members"> | undefined): boolean {
  if (!canSomewhere(actor, "catalog:write")) return false;
  // Without an owner, `can` is true only for roles that ownership does not limit (architect, admin).
  if (can(actor, "catalog:write", {})) return true;
  return team?.members?.includes(actor.email) ?? false;
}

/** The teams a journey form may assign: all of them for architects and admins, a member's own otherwise. */
export const writableTeams = (actor: Actor, teams: TeamView[]) => teams.filter((t) => mayWriteFor(actor, t));

export const mayGrantWaivers = (actor: Actor) => can(actor, "waiver:grant");
export const mayEditPolicies = (actor: Actor) => can(actor, "policy:edit");
