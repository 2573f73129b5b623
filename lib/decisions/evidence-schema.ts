// What may be attached to a decision record as evidence, and the stored items' shapes. The server
// computes every result itself: a client names the question, never the answer.
import { z } from "zod";
import type { SimulationResult } from "@/lib/governance/simulate/engine";
import { scenarioSchema, simulateSchema, type Scenario } from "@/lib/governance/simulate/scenario-schema";

export const evidenceKinds = ["simulation", "latency-snapshot"] as const;
const note = z.string().trim().max(2000, "The note is at most 2,000 characters").default("");
const iso = (what: string) => z.iso.datetime({ offset: true, error: `${what} is an ISO-8601 date-time` }).optional();

export const evidenceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("simulation"),
      journey: z.string({ error: "Name the journey (its slug)" }).trim().min(1, "Name the journey (its slug)").max(100),
      scenario: scenarioSchema.default({ changes: [] }),
      requests: simulateSchema.shape.requests,
      seed: simulateSchema.shape.seed,
      from: iso("from"),
      to: iso("to"),
      note,
    }),
    z.object({
      kind: z.literal("latency-snapshot"),
      integration: z.string({ error: "Name the integration point (its key)" }).trim().min(1, "Name the integration point (its key)").max(200),
      from: iso("from"),
      to: iso("to"),
      note,
    }),
  ],
  { error: `kind is one of ${evidenceKinds.join(", ")}` },
);
export type EvidenceInput = z.input<typeof evidenceSchema>;

export interface TimeRange {
  from: string;
  to: string;
}

export interface SimulationEvidence {
  kind: "simulation";
  journey: string;
  scenario: Scenario;
  requests: number;
  seed: number;
  result: { baseline: SimulationResult; scenario: SimulationResult };
  observedCalls: Record<string, number>;
  telemetryRange: TimeRange;
  computedAt: string;
}

export interface LatencySnapshotEvidence {
  kind: "latency-snapshot";
  integration: string;
  range: TimeRange;
  percentiles: { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
  calls: number;
  errors: number;
  budget: { p50Ms: number | null; p95Ms: number | null; p99Ms: number };
  computedAt: string;
}

export type EvidenceItem = (SimulationEvidence | LatencySnapshotEvidence) & {
  id: string;
  title: string;
  note: string;
  addedBy: string;
  createdAt: string;
};
