import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { actorFor, makeTeam, unique } from "@/scripts/test/factories";
import { createTeam, deleteTeam, updateTeam } from "./teams";
import { createUser, listUsers, updateUser } from "./users";

describe("users and teams administration", () => {
  it("creates a user with a hashed password, role and teams, and changes them", async () => {
    const admin = await actorFor("admin");
    const team = await makeTeam();
    const email = `${unique("new")}@test.local`;
    const user = await createUser(admin, { email: email.toUpperCase(), name: "New", role: "member", password: "long-enough-pw", teams: [team.slug] });
    expect(user).toMatchObject({ email, role: "member", teams: [team.slug], disabled: false });
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).not.toContain("long-enough-pw");
    expect(await verifyPassword("long-enough-pw", row.passwordHash)).toBe(true);

    const changed = await updateUser(admin, user.id, { role: "architect", teams: [], disabled: true });
    expect(changed).toMatchObject({ role: "architect", teams: [], disabled: true });
    const audit = await db().auditEvent.findMany({ where: { entityType: "user", entityId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.create", "user.update"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("scrypt$");
  });

  it("refuses non-admins, short passwords, unknown teams and self-demotion", async () => {
    const admin = await actorFor("admin");
    const architect = await actorFor("architect");
    await expect(listUsers(architect)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser(admin, { email: `${unique("u")}@t.local`, name: "x", password: "short" })).rejects.toThrow(/at least 10 characters/);
    await expect(createUser(admin, { email: `${unique("u")}@t.local`, name: "x", password: "long-enough-pw", teams: ["nope-team"] })).rejects.toThrow(/Unknown team: nope-team/);
    await expect(updateUser(admin, admin.userId, { role: "viewer" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps a team hierarchy: a parent by slug, an unknown parent and a loop refused", async () => {
    const admin = await actorFor("admin");
    const [top, mid, leaf] = [unique("org"), unique("dept"), unique("squad")];
    expect(await createTeam(admin, { slug: top, name: "Org" })).toMatchObject({ slug: top, parent: null });
    expect(await createTeam(admin, { slug: mid, name: "Dept", parent: top })).toMatchObject({ parent: top });
    await createTeam(admin, { slug: leaf, name: "Squad", parent: mid });
    await expect(createTeam(admin, { slug: unique("x"), name: "X", parent: "no-such-team" })).rejects.toThrow(/Unknown parent team no-such-team/);
    await expect(updateTeam(admin, top, { parent: leaf })).rejects.toThrow(/cannot be its own ancestor/);
    await expect(updateTeam(admin, mid, { parent: mid })).rejects.toThrow(/cannot be its own ancestor/);
    expect(await updateTeam(admin, leaf, { parent: null })).toMatchObject({ parent: null });
    // Deleting a parent leaves its children at the top, not deleted.
    await db().team.delete({ where: { slug: top } });
    expect((await db().team.findUniqueOrThrow({ where: { slug: mid } })).parentId).toBeNull();
  });

  it("manages teams and their members; a team that owns services cannot be deleted", async () => {
    const admin = await actorFor("admin");
    const slug = unique("squad");
    await createTeam(admin, { slug, name: "Squad" });
    const member = await actorFor("member");
    const team = await updateTeam(admin, slug, { name: "Renamed", members: [member.email] });
    expect(team).toMatchObject({ slug, name: "Renamed", members: [member.email], serviceCount: 0 });
    await expect(updateTeam(admin, slug, { members: ["ghost@nowhere.test"] })).rejects.toThrow(/Unknown user: ghost@nowhere.test/);
    expect((await updateTeam(admin, slug, { name: "Again" })).members).toEqual([member.email]);

    const owning = await makeTeam();
    await db().service.create({ data: { slug: unique("svc"), name: "S", teamId: owning.id, telemetryName: "s" } });
    await expect(deleteTeam(admin, owning.slug)).rejects.toMatchObject({ code: "conflict" });
    await deleteTeam(admin, slug);
    expect(await db().team.findUnique({ where: { slug } })).toBeNull();
  });
});
