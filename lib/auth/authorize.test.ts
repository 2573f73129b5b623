import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "./actor";

const actor = (role: Actor["role"], scopes?: Actor["scopes"]): Actor => ({ userId: "u", email: "u@example.com", name: "U", role, teamIds: ["own"], via: scopes ? "token" : "session", ...(scopes ? { scopes } : {}) });
const refusal = (a: Actor, resource?: { ownerTeamId: string }) => {
  try {
    authorize(a, "catalog:write", resource);
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
  }
  return "allowed";
};

describe("authorize's refusals name what stands in the way", () => {
  it.each([
    ["a viewer's token with the scope: the role", actor("viewer", ["catalog:write"]), undefined, "forbidden: Your role (viewer) does not allow catalog:write"],
    ["an architect's read-only token: the scopes", actor("architect", ["catalog:read"]), undefined, "forbidden: This token's scopes (catalog:read) do not allow catalog:write"],
    ["a member's token on another team's resource: the role", actor("member", ["catalog:write"]), { ownerTeamId: "other" }, "forbidden: Your role (member) does not allow catalog:write on another team's resource"],
    ["a member's session on its own team's resource", actor("member"), { ownerTeamId: "own" }, "allowed"],
  ] as const)("%s", (_, a, resource, expected) => {
    expect(refusal(a, resource)).toBe(expected);
  });
});
