import { describe, expect, it } from "vitest";
import { ruleMatches, type MatchableRule } from "./match";

const event: { type: string; severity: string; team: string | null; integration: string | null } = { type: "slo.alert", severity: "warning", team: "checkout-team", integration: "checkout->payments:authorize" };
const rule = (over: Partial<MatchableRule> = {}): MatchableRule => ({ events: ["slo.alert"], filters: {}, muted: false, channelTeam: null, ...over });

describe("ruleMatches", () => {
  it.each<[string, Partial<MatchableRule>, Partial<typeof event>, boolean]>([
    ["plain match", {}, {}, true],
    ["other event type", { events: ["finding.opened"] }, {}, false],
    ["muted", { muted: true }, {}, false],
    ["team filter hit", { filters: { teams: ["checkout-team", "x"] } }, {}, true],
    ["team filter miss", { filters: { teams: ["payments-team"] } }, {}, false],
    ["team filter, event without team", { filters: { teams: ["checkout-team"] } }, { team: null }, false],
    ["integration filter hit", { filters: { integrations: ["checkout->payments:authorize"] } }, {}, true],
    ["integration filter miss", { filters: { integrations: ["a->b:c"] } }, {}, false],
    ["min severity warning keeps warning", { filters: { minSeverity: "warning" } }, {}, true],
    ["min severity critical drops warning", { filters: { minSeverity: "critical" } }, {}, false],
    ["min severity info keeps critical", { filters: { minSeverity: "info" } }, { severity: "critical" }, true],
    ["team channel hears its team", { channelTeam: "checkout-team" }, {}, true],
    ["team channel does not hear another team", { channelTeam: "payments-team" }, {}, false],
    ["team channel does not hear estate-wide events", { channelTeam: "payments-team" }, { team: null }, false],
    ["test events never go through rules", { events: ["test"] }, { type: "test" }, false],
  ])("%s", (_name, r, e, expected) => {
    expect(ruleMatches(rule(r), { ...event, ...e } as never)).toBe(expected);
  });
});
