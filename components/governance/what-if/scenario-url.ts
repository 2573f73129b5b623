// The what-if's state in the page address (pure), so a scenario can be shared by its link:
// `?changes=<JSON list of changes>&requests=&seed=`. Anything the schema refuses is dropped, with why.
import { DEFAULT_REQUESTS, scenarioSchema, simulateSchema, type StepChange } from "@/lib/governance/simulate/scenario-schema";

export interface WhatIfState {
  changes: StepChange[];
  requests: number;
  seed: number;
}

export const defaultState: WhatIfState = { changes: [], requests: DEFAULT_REQUESTS, seed: 1 };

export function readState(params: Record<string, string | string[] | undefined>): { state: WhatIfState; problem: string | null } {
  const one = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]);
  let problem: string | null = null;
  let changes: StepChange[] = [];
  const raw = one("changes");
  if (raw) {
    try {
      const parsed = scenarioSchema.safeParse({ changes: JSON.parse(raw) });
      if (parsed.success) changes = parsed.data.changes;
      else problem = `The scenario in the address was not understood (${parsed.error.issues[0]?.message ?? "invalid"}); starting from the baseline.`;
    } catch {
      problem = "The scenario in the address is not valid JSON; starting from the baseline.";
    }
  }
  const numbers = simulateSchema.safeParse({ requests: one("requests") ? Number(one("requests")) : undefined, seed: one("seed") ? Number(one("seed")) : undefined });
  const { requests, seed } = numbers.success ? numbers.data : defaultState;
  if (!numbers.success) problem = problem ?? `${numbers.error.issues[0]?.message ?? "Bad requests or seed"}; using the defaults.`;
  return { state: { changes, requests, seed }, problem };
}

/** Only what differs from the defaults goes into the address. */
export function writeState(state: WhatIfState): string {
  const q = new URLSearchParams();
  const changes = state.changes.filter((c) => Object.keys(c).length > 1);
  if (changes.length) q.set("changes", JSON.stringify(changes));
  if (state.requests !== defaultState.requests) q.set("requests", String(state.requests));
  if (state.seed !== defaultState.seed) q.set("seed", String(state.seed));
  const s = q.toString();
  return s ? `?${s}` : "";
}
