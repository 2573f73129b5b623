import { describe, expect, it } from "vitest";
import { actions, can, canSomewhere, roles, scopeAllows, type Action, type Role } from "./permissions";

// The expected matrix, written out by hand from the role definitions in the foundation issue.
const allowed: Record<Role, Action[]> = {
  viewer: ["catalog:read", "metrics:read"],
  member: ["catalog:read", "catalog:write", "decision:write", "telemetry:write", "metrics:read"],
  architect: ["catalog:read", "catalog:write", "decision:write", "decision:review", "waiver:grant", "policy:edit", "telemetry:write", "metrics:read"],
  admin: [...actions],
};

describe("can(role, action) on a resource owned by the subject's team", () => {
  for (const role of roles) {
    for (const action of actions) {
      const expected = allowed[role].includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can({ role, teamIds: ["t1"] }, action, { ownerTeamId: "t1" })).toBe(expected);
      });
    }
  }
});

describe("team ownership", () => {
  it("limits members to their own teams' resources", () => {
    const member = { role: "member" as const, teamIds: ["t1", "t2"] };
    expect(can(member, "catalog:write", { ownerTeamId: "t2" })).toBe(true);
    expect(can(member, "catalog:write", { ownerTeamId: "t3" })).toBe(false);
    expect(can(member, "catalog:write", { ownerTeamId: null })).toBe(false);
    expect(can(member, "catalog:write")).toBe(false);
  });
  it("lets architects and admins write any team's resources", () => {
    for (const role of ["architect", "admin"] as const) {
      expect(can({ role, teamIds: [] }, "catalog:write", { ownerTeamId: "t9" })).toBe(true);
    }
  });
  it("never lets a viewer write, even on a resource of their team", () => {
    expect(can({ role: "viewer", teamIds: ["t1"] }, "catalog:write", { ownerTeamId: "t1" })).toBe(false);
  });
  it("canSomewhere ignores ownership but not role", () => {
    expect(canSomewhere({ role: "member", teamIds: [] }, "catalog:write")).toBe(true);
    expect(canSomewhere({ role: "viewer", teamIds: ["t1"] }, "catalog:write")).toBe(false);
    expect(canSomewhere({ role: "member", teamIds: ["t1"] }, "users:manage")).toBe(false);
  });
});

describe("token scopes cap the owner's role", () => {
  const cases: [string, Role, string[], Action, boolean][] = [
    ["read scope reads", "viewer", ["catalog:read"], "catalog:read", true],
    ["write scope implies read", "member", ["catalog:write"], "catalog:read", true],
    ["read scope cannot write", "admin", ["catalog:read"], "catalog:write", false],
    ["telemetry scope cannot read the catalog", "admin", ["telemetry:write"], "catalog:read", false],
    ["telemetry scope ingests", "member", ["telemetry:write"], "telemetry:write", true],
    ["a viewer's token cannot ingest even with the scope", "viewer", ["telemetry:write"], "telemetry:write", false],
    ["admin scope is capped by a member owner", "member", ["admin"], "users:manage", false],
    ["admin scope on an admin manages users", "admin", ["admin"], "users:manage", true],
    ["decisions scope reviews as architect", "architect", ["decisions:write"], "decision:review", true],
    ["decisions scope cannot review as member", "member", ["decisions:write"], "decision:review", false],
    ["no scopes allow nothing", "admin", [], "catalog:read", false],
    ["metrics scope scrapes as a viewer", "viewer", ["metrics:read"], "metrics:read", true],
    ["metrics scope cannot read the catalog", "admin", ["metrics:read"], "catalog:read", false],
    ["catalog scopes cannot scrape", "admin", ["catalog:write", "telemetry:write"], "metrics:read", false],
  ];
  for (const [name, role, granted, action, expected] of cases) {
    it(name, () => {
      expect(can({ role, teamIds: ["t1"], scopes: granted as never }, action, { ownerTeamId: "t1" })).toBe(expected);
    });
  }
  it("scopeAllows", () => {
    expect(scopeAllows(["admin"], "telemetry:write")).toBe(true);
    expect(scopeAllows(["catalog:write"], "catalog:read")).toBe(true);
    expect(scopeAllows(["catalog:read"], "catalog:write")).toBe(false);
  });
});
