import { describe, expect, it } from "vitest";
import { defaultState, readState, writeState } from "./scenario-url";

const paramsOf = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe("what-if state in the address", () => {
  it("round-trips a scenario, leaving defaults and empty changes out", () => {
    const state = { changes: [{ integration: "a->b:c", timeoutMs: 300, retries: 2, style: "async-event" as const }, { integration: "b->c:d" }], requests: 20_000, seed: 7 };
    const search = writeState(state);
    expect(search).not.toContain("b-%3Ec%3Ad");
    expect(readState(paramsOf(search))).toEqual({ state: { ...state, changes: [state.changes[0]] }, problem: null });
    expect(writeState(defaultState)).toBe("");
  });

  it.each([
    ["changes=not-json", "not valid JSON"],
    [`changes=${encodeURIComponent(JSON.stringify([{ integration: "a->b:c", latencyScale: -2 }]))}`, "latencyScale is between 0 and 100"],
    ["requests=5", "requests is between 1000 and 200000"],
  ])("drops what it cannot read and says why (%s)", (search, problem) => {
    const { state, problem: said } = readState(paramsOf(search));
    expect(said).toContain(problem);
    expect(state.changes).toEqual([]);
  });
});
