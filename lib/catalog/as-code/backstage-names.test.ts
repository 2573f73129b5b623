import { describe, expect, it } from "vitest";
import { backstageKindProblem, backstageNameProblem, backstageNamespaceProblem, parseBackstageRef } from "./backstage-names";

describe("Backstage's naming rules", () => {
  it.each([
    ["payments", true],
    ["Payments_API.v2", true],
    ["a", true],
    ["x".repeat(63), true],
    ["x".repeat(64), false],
    ["", false],
    ["payments service", false],
    ["-payments", false],
    ["payments-", false],
    // Backstage's rule is Kubernetes' object name: separators may repeat, only the ends must be alphanumeric.
    ["pay--ments", true],
    ["pay._ments", true],
    ["payments.", false],
    ["_payments", false],
    ["paymënts", false],
    ["team/payments", false],
  ])("name %j valid: %s", (name, ok) => {
    expect(backstageNameProblem(name) === null).toBe(ok);
  });

  it.each([
    ["default", true],
    ["team-a", true],
    ["a1", true],
    ["Team-A", false],
    ["team_a", false],
    ["team.a", false],
    ["team--a", true],
    ["team-", false],
    ["-a", false],
    ["", false],
    ["a".repeat(64), false],
  ])("namespace %j valid: %s", (ns, ok) => {
    expect(backstageNamespaceProblem(ns) === null).toBe(ok);
  });

  it.each([
    ["Component", true],
    ["API", true],
    ["x1", true],
    ["1x", false],
    ["My-Kind", false],
  ])("kind %j valid: %s", (kind, ok) => {
    expect(backstageKindProblem(kind) === null).toBe(ok);
  });

  it.each([
    ["payments", "group", { kind: "group", namespace: "default", name: "payments", problem: null }],
    ["user:default/jane.doe", "group", { kind: "user", namespace: "default", name: "jane.doe", problem: null }],
    ["group:platform/sre", "group", { kind: "group", namespace: "platform", name: "sre", problem: null }],
    ["Component:payments", "component", { kind: "component", namespace: "default", name: "payments", problem: null }],
  ])("parses %s", (ref, kind, expected) => {
    expect(parseBackstageRef(ref, kind)).toEqual(expected);
  });

  it.each([
    ["group:my team", 'Reference "group:my team": "my team" is not a Backstage name: letters, digits, - _ and ., starting and ending with a letter or digit'],
    ["group:Platform/sre", 'Reference "group:Platform/sre": "Platform" is not a Backstage namespace: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit'],
    [":sre", 'Reference ":sre": "" is not a Backstage kind: a letter, then letters and digits (at most 63)'],
  ])("refuses %s", (ref, problem) => {
    expect(parseBackstageRef(ref, "group").problem).toBe(problem);
  });
});

describe("Backstage API types", () => {
  it("every type the export writes is one the import maps to a contract format", async () => {
    const { apiTypeOf } = await import("./backstage-export");
    const { apiTypes } = await import("./backstage");
    for (const [format, type] of Object.entries(apiTypeOf)) expect(apiTypes[type]?.format, `${format} → ${type}`).toBe(format);
  });
});
