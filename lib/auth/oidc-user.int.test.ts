import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeTeam, makeUser, unique } from "@/scripts/test/factories";
import { signInOidcUser } from "./oidc-user";

const teamsOf = async (userId: string) =>
  (await db().teamMembership.findMany({ where: { userId }, include: { team: true } })).map((m) => m.team.slug).sort();

describe("signInOidcUser", () => {
  it("creates a viewer on the first sign-in and finds the same user on the next", async () => {
    const subject = unique("sub");
    const email = `${unique("Ada")}@IdP.test`;
    const first = await signInOidcUser({ subject, email, name: "Ada", teams: null });
    expect(first.user).toMatchObject({ email: email.toLowerCase(), created: true, disabledAt: null });
    expect(first.memberships).toBeNull();
    const again = await signInOidcUser({ subject, email, name: "Ada", teams: null });
    expect(again.user).toMatchObject({ id: first.user.id, created: false });
    const rows = await db().user.findMany({ where: { oidcSubject: subject } });
    expect(rows.map((r) => [r.email, r.role])).toEqual([[email.toLowerCase(), "viewer"]]);
    const audit = await db().auditEvent.findMany({ where: { entityType: "user", entityId: first.user.id } });
    expect(audit.map((a) => a.action)).toEqual(["user.create.oidc"]);
  });

  it("sets memberships to the claimed teams that exist, adding and removing at each sign-in", async () => {
    const [a, b, c] = [await makeTeam(), await makeTeam(), await makeTeam()];
    const subject = unique("sub");
    const ghost = unique("ghost");
    const first = await signInOidcUser({ subject, email: `${subject}@idp.test`, name: null, teams: [a.slug, b.slug, ghost] });
    expect(first.memberships).toEqual({ add: [a.slug, b.slug].sort(), remove: [], unknown: [ghost] });
    expect(await teamsOf(first.user.id)).toEqual([a.slug, b.slug].sort());

    const second = await signInOidcUser({ subject, email: `${subject}@idp.test`, name: null, teams: [b.slug, c.slug] });
    expect(second.memberships).toEqual({ add: [c.slug], remove: [a.slug], unknown: [] });
    expect(await teamsOf(first.user.id)).toEqual([b.slug, c.slug].sort());

    const audit = await db().auditEvent.findMany({ where: { entityId: first.user.id, action: "user.teams.oidc" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.before, e.after])).toEqual([
      [{ teams: [] }, { teams: [a.slug, b.slug].sort() }],
      [{ teams: [a.slug, b.slug].sort() }, { teams: [b.slug, c.slug].sort() }],
    ]);

    // An unchanged claim writes nothing; an empty one removes every membership.
    await signInOidcUser({ subject, email: null, name: null, teams: [b.slug, c.slug] });
    expect(await db().auditEvent.count({ where: { entityId: first.user.id, action: "user.teams.oidc" } })).toBe(2);
    await signInOidcUser({ subject, email: null, name: null, teams: [] });
    expect(await teamsOf(first.user.id)).toEqual([]);
  });

  it("never changes the role, and leaves memberships alone without a teams claim", async () => {
    const team = await makeTeam();
    const subject = unique("sub");
    const { user } = await signInOidcUser({ subject, email: `${subject}@idp.test`, name: null, teams: [team.slug] });
    await db().user.update({ where: { id: user.id }, data: { role: "architect" } });
    await signInOidcUser({ subject, email: `${subject}@idp.test`, name: null, teams: null });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.role).toBe("architect");
    expect(await teamsOf(user.id)).toEqual([team.slug]);
  });

  it("refuses to take over a local account with the same email, and creates nothing", async () => {
    const local = await makeUser("admin");
    const subject = unique("sub");
    await expect(signInOidcUser({ subject, email: local.email.toUpperCase(), name: null, teams: [] })).rejects.toThrow(/already exists/);
    expect(await db().user.count({ where: { oidcSubject: subject } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: local.id } })).oidcSubject).toBeNull();
  });

  it("does not touch a disabled user's memberships", async () => {
    const team = await makeTeam();
    const subject = unique("sub");
    const { user } = await signInOidcUser({ subject, email: `${subject}@idp.test`, name: null, teams: [team.slug] });
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const refused = await signInOidcUser({ subject, email: null, name: null, teams: [] });
    expect(refused.user.disabledAt).not.toBeNull();
    expect(refused.memberships).toBeNull();
    expect(await teamsOf(user.id)).toEqual([team.slug]);
  });
});
