import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, makeUser, unique } from "@/scripts/test/factories";
import { createToken, listTokens, revokeToken, verifyToken } from "./api-tokens";
import { systemActor } from "./actor";
import { can } from "./permissions";
import { hashToken } from "./token-format";

const cli = systemActor("test");

describe("API tokens", () => {
  it("creates a token that is stored only as its hash and verifies to its owner with its scopes", async () => {
    const owner = await makeUser("member");
    const { token, view } = await createToken(cli, { name: unique("ci"), scopes: ["catalog:read", "telemetry:write"], userEmail: owner.email });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const actor = await verifyToken(token);
    expect(actor).toMatchObject({ userId: owner.id, role: "member", via: "token", scopes: ["catalog:read", "telemetry:write"], tokenId: view.id });
    expect(can(actor!, "telemetry:write")).toBe(true);
    expect(can(actor!, "catalog:write", { ownerTeamId: "any" })).toBe(false);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: view.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("rejects unknown, malformed, revoked and expired tokens, and tokens of disabled users", async () => {
    const owner = await makeUser("admin");
    expect(await verifyToken("ew_" + "x".repeat(43))).toBeNull();
    expect(await verifyToken("not-a-token")).toBeNull();

    const revoked = await createToken(cli, { name: unique("r"), scopes: ["admin"], userEmail: owner.email });
    expect(await verifyToken(revoked.token)).not.toBeNull();
    const after = await revokeToken(cli, revoked.view.id);
    expect(after.revokedAt).not.toBeNull();
    expect(await verifyToken(revoked.token)).toBeNull();

    const expiring = await createToken(cli, { name: unique("e"), scopes: ["admin"], userEmail: owner.email });
    await db().apiToken.update({ where: { id: expiring.view.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyToken(expiring.token)).toBeNull();

    const disabledOwner = await makeUser("admin");
    const orphan = await createToken(cli, { name: unique("d"), scopes: ["admin"], userEmail: disabledOwner.email });
    await db().user.update({ where: { id: disabledOwner.id }, data: { disabledAt: new Date() } });
    expect(await verifyToken(orphan.token)).toBeNull();
  });

  it("refuses token management to non-admins and bad input with clear messages", async () => {
    const architect = await actorFor("architect");
    await expect(listTokens(architect)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createToken(cli, { name: "x", scopes: [], userEmail: "nobody@test.local" })).rejects.toThrow(/Choose at least one scope/);
    await expect(createToken(cli, { name: "x", scopes: ["admin"], userEmail: `${unique("ghost")}@test.local` })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(createToken(cli, { name: "x", scopes: ["root" as never], userEmail: "a@b.c" })).rejects.toThrow();
  });

  it("records creation and revocation in the audit log without the secret", async () => {
    const owner = await makeUser("viewer");
    const { token, view } = await createToken(cli, { name: unique("audit"), scopes: ["catalog:read"], userEmail: owner.email });
    await revokeToken(cli, view.id);
    const events = await db().auditEvent.findMany({ where: { entityType: "api_token", entityId: view.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["token.create", "token.revoke"]);
    expect(events.every((e) => e.actorLabel === "test")).toBe(true);
    const serialised = JSON.stringify(events.map((e) => [e.before, e.after]));
    expect(serialised).not.toContain(token);
    expect(serialised).not.toContain(hashToken(token));
  });
});
