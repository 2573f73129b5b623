// Words for decision statuses, transitions, verdicts and record fields, shared by the list, the
// record page, the timeline diff and the form, so each thing is called the same everywhere.
import type { DecisionStatus, Verdict } from "@/lib/decisions/workflow";

export const statusLabels: Record<DecisionStatus, string> = {
  draft: "Draft",
  proposed: "Proposed",
  accepted: "Accepted",
  rejected: "Rejected",
  deprecated: "Deprecated",
  superseded: "Superseded",
};

/** The button that moves a record to a status. "Withdraw" because the only way back to draft is from proposed. */
export const transitionLabels: Record<DecisionStatus, string> = {
  proposed: "Propose",
  draft: "Withdraw to draft",
  accepted: "Accept",
  rejected: "Reject",
  deprecated: "Deprecate",
  superseded: "Supersede…",
};

export const verdictLabels: Record<Verdict, string> = {
  approve: "Approved",
  "request-changes": "Requested changes",
  comment: "Commented",
};

/** Record fields by the path zod and the revision diff use; unknown paths fall back to the path. */
export const fieldLabels: Record<string, string> = {
  title: "Title",
  context: "Context and problem statement",
  drivers: "Decision drivers",
  options: "Considered options",
  outcome: "Decision outcome",
  consequences: "Consequences",
  "consequences.positive": "Positive consequences",
  "consequences.negative": "Negative consequences",
  confirmation: "Confirmation",
  deciders: "Deciders",
  consulted: "Consulted",
  informed: "Informed",
  tags: "Tags",
  integrations: "Linked integration points",
  journeys: "Linked journeys",
};

export const fieldLabel = (path: string) => fieldLabels[path] ?? path;

export function formatDateTime(iso: string): string {
  // A fixed locale and UTC keep server and client renders identical (no hydration mismatch).
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: "UTC" });
}

export const decisionHref = (number: number) => `/decisions/${number}`;
export const integrationHref = (key: string) => `/catalog/${encodeURIComponent(key)}`;
export const journeyHref = (slug: string) => `/journeys/${encodeURIComponent(slug)}`;
