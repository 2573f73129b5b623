// The local user behind an OIDC sign-in: created as a viewer on the first one, and, when a teams
// claim is configured, its memberships set to the claimed teams that exist, at every sign-in.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { planMemberships, type MembershipPlan } from "./oidc-claims";

export interface OidcIdentity {
  subject: string;
  email: string | null | undefined;
  name: string | null | undefined;
  /** Claimed team slugs; null when no teams claim is configured (memberships are then left alone). */
  teams: string[] | null;
}

export interface OidcSignIn {
  user: { id: string; email: string; disabledAt: Date | null; created: boolean };
  memberships: MembershipPlan | null;
}

async function createViewer(tx: Tx, identity: OidcIdentity) {
  const email = (identity.email ?? `${identity.subject}@oidc.invalid`).toLowerCase();
  const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
  // Never take over a local account by its email: the provider's word on an address is not proof.
  if (taken) throw new Error(`An Edgewise user with the email ${email} already exists; an admin must remove or rename it first`);
  const user = await tx.user.create({ data: { email, name: identity.name ?? email, oidcSubject: identity.subject, role: "viewer" } });
  await recordAudit(tx, { userId: user.id, label: user.email }, {
    action: "user.create.oidc",
    entityType: "user",
    entityId: user.id,
    after: { email: user.email, role: user.role },
  });
  return user;
}

async function syncMemberships(tx: Tx, user: { id: string; email: string }, claimed: string[]): Promise<MembershipPlan> {
  const [current, existing] = await Promise.all([
    tx.teamMembership.findMany({ where: { userId: user.id }, select: { team: { select: { slug: true } } } }),
    tx.team.findMany({ where: { slug: { in: claimed } }, select: { id: true, slug: true } }),
  ]);
  const before = current.map((m) => m.team.slug).sort();
  const plan = planMemberships(before, claimed, existing.map((t) => t.slug));
  if (plan.add.length === 0 && plan.remove.length === 0) return plan;
  if (plan.remove.length) await tx.teamMembership.deleteMany({ where: { userId: user.id, team: { slug: { in: plan.remove } } } });
  const ids = existing.filter((t) => plan.add.includes(t.slug)).map((t) => ({ userId: user.id, teamId: t.id }));
  if (ids.length) await tx.teamMembership.createMany({ data: ids, skipDuplicates: true });
  const after = [...before.filter((s) => !plan.remove.includes(s)), ...plan.add].sort();
  await recordAudit(tx, { userId: user.id, label: user.email }, {
    action: "user.teams.oidc",
    entityType: "user",
    entityId: user.id,
    before: { teams: before },
    after: { teams: after },
  });
  return plan;
}

/** Finds or creates the user for a verified OIDC identity and applies its teams claim, in one transaction. */
export async function signInOidcUser(identity: OidcIdentity): Promise<OidcSignIn> {
  return db().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { oidcSubject: identity.subject } });
    const user = found ?? (await createViewer(tx, identity));
    // A disabled user's memberships are left as they are: the sign-in is refused anyway.
    const memberships = identity.teams && !user.disabledAt ? await syncMemberships(tx, user, identity.teams) : null;
    return { user: { id: user.id, email: user.email, disabledAt: user.disabledAt, created: !found }, memberships };
  });
}
