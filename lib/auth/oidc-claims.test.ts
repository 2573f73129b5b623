import { describe, expect, it } from "vitest";
import { mergeClaims, planMemberships, teamsFromClaim } from "./oidc-claims";

describe("teamsFromClaim", () => {
  it.each([
    ["an array of strings", { groups: ["checkout", "payments"] }, { present: true, slugs: ["checkout", "payments"], skipped: 0 }],
    ["one string", { groups: "checkout" }, { present: true, slugs: ["checkout"], skipped: 0 }],
    ["mixed case, blanks and repeats", { groups: [" Checkout ", "checkout", "", "PAYMENTS"] }, { present: true, slugs: ["checkout", "payments"], skipped: 0 }],
    ["non-strings among strings", { groups: ["checkout", 7, { name: "x" }, null] }, { present: true, slugs: ["checkout"], skipped: 3 }],
    ["an empty array", { groups: [] }, { present: true, slugs: [], skipped: 0 }],
    ["an absent claim", { sub: "a" }, { present: false, slugs: [], skipped: 0 }],
    ["a null claim", { groups: null }, { present: false, slugs: [], skipped: 0 }],
    ["a number", { groups: 3 }, { present: true, slugs: [], skipped: 1 }],
  ])("reads %s", (_label, claims, expected) => {
    expect(teamsFromClaim(claims, "groups")).toEqual(expected);
  });

  it("reads a namespaced claim name with dots literally, not as a path", () => {
    const claims = { "https://edgewise.example/teams": ["checkout"], https: { "//edgewise": "no" } };
    expect(teamsFromClaim(claims, "https://edgewise.example/teams").slugs).toEqual(["checkout"]);
  });
});

describe("planMemberships", () => {
  it.each([
    ["first sign-in", [], ["checkout", "payments"], ["checkout", "payments", "search"], { add: ["checkout", "payments"], remove: [], unknown: [] }],
    ["nothing changed", ["checkout"], ["checkout"], ["checkout", "search"], { add: [], remove: [], unknown: [] }],
    ["moved team", ["checkout"], ["search"], ["checkout", "search"], { add: ["search"], remove: ["checkout"], unknown: [] }],
    ["unknown teams ignored", ["checkout"], ["checkout", "ghost", "admins"], ["checkout"], { add: [], remove: [], unknown: ["admins", "ghost"] }],
    ["claim emptied", ["checkout", "search"], [], ["checkout", "search"], { add: [], remove: ["checkout", "search"], unknown: [] }],
  ])("%s", (_label, current, claimed, existing, expected) => {
    expect(planMemberships(current, claimed, existing)).toEqual(expected);
  });
});

describe("mergeClaims", () => {
  it("completes the ID token with userinfo, the ID token winning a conflict", () => {
    expect(mergeClaims({ sub: "u1", iss: "https://idp", name: "Ada" }, { sub: "u1", email: "ada@x.test", name: "Ada L.", groups: ["a"] })).toEqual({
      sub: "u1",
      iss: "https://idp",
      name: "Ada",
      email: "ada@x.test",
      groups: ["a"],
    });
  });
  it("keeps the ID token alone without userinfo", () => {
    expect(mergeClaims({ sub: "u1", email: "a@x.test" }, null)).toEqual({ sub: "u1", email: "a@x.test" });
  });
  it("refuses userinfo about another subject", () => {
    expect(() => mergeClaims({ sub: "u1" }, { sub: "u2", email: "evil@x.test" })).toThrow("another subject");
  });
});
