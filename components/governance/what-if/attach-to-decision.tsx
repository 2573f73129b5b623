"use client";
// "Attach to a decision" on the What if page: the simulated scenario as evidence (the server re-runs
// it with the same seed over the same telemetry range and stores that).
import { AttachEvidence } from "@/components/decisions/attach-evidence";
import type { AttachTarget } from "@/lib/decisions/evidence-types";
import type { WhatIfState } from "./scenario-url";

export type { AttachTarget };

/** `range` is the telemetry range of the result on screen: the stored evidence is computed over the same. */
export function AttachToDecision({ slug, state, range, targets }: { slug: string; state: WhatIfState; range: { from: string; to: string }; targets: AttachTarget[] }) {
  return (
    <AttachEvidence
      evidence={{ kind: "simulation", journey: slug, scenario: { changes: state.changes }, requests: state.requests, seed: state.seed, from: range.from, to: range.to }}
      newRecord={{ title: `What if on ${slug}`, journeys: [slug], integrations: state.changes.map((c) => c.integration) }}
      targets={targets}
      hint="Stores this scenario and its result on the record as evidence."
    />
  );
}
