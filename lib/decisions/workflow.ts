// The decision-record workflow as a pure state machine: which transitions exist, who may make them,
// and when a proposal has enough approvals to be accepted.
import type { Role } from "@/lib/auth/permissions";
import { plural } from "@/lib/format/plural";

export const decisionStatuses = ["draft", "proposed", "accepted", "rejected", "deprecated", "superseded"] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];
export const verdicts = ["approve", "request-changes", "comment"] as const;
export type Verdict = (typeof verdicts)[number];

/** The `from` of the history row a record created by MADR import starts with: its status was decided outside Edgewise. */
export const IMPORTED = "imported";

/** Every edge of the lifecycle. Anything not listed is refused. */
export const transitions: Record<DecisionStatus, DecisionStatus[]> = {
  draft: ["proposed"],
  proposed: ["draft", "accepted", "rejected"],
  accepted: ["deprecated", "superseded"],
  rejected: [],
  deprecated: [],
  superseded: [],
};

export interface ReviewFact {
  reviewerId: string;
  reviewerRole: Role;
  verdict: Verdict;
  revision: number;
}

export interface RecordFacts {
  status: DecisionStatus;
  authorId: string;
  revision: number;
  reviews: ReviewFact[];
}

export interface ActorFacts {
  userId: string;
  role: Role;
}

const isReviewer = (role: Role) => role === "architect" || role === "admin";

export interface ApprovalState {
  approvals: string[];
  blockedBy: string[];
  required: number;
  satisfied: boolean;
}

/**
 * Each reviewer's latest approve / request-changes verdict counts (comments don't). Approvals count
 * only on the current revision and never from the author; a "request changes" blocks until the
 * same reviewer approves a later revision.
 */
export function approvalState(record: RecordFacts, required: number): ApprovalState {
  const latest = new Map<string, ReviewFact>();
  // The revision each reviewer last requested changes on: only an approval of a LATER revision lifts it.
  const requestedOn = new Map<string, number>();
  for (const r of record.reviews) {
    if (r.verdict === "comment" || !isReviewer(r.reviewerRole) || r.reviewerId === record.authorId) continue;
    latest.set(r.reviewerId, r); // reviews arrive in time order, so the last one wins
    if (r.verdict === "request-changes") requestedOn.set(r.reviewerId, r.revision);
  }
  const blockedBy = [...requestedOn].filter(([id, revision]) => {
    const last = latest.get(id)!;
    return !(last.verdict === "approve" && last.revision > revision);
  }).map(([id]) => id);
  const approvals = [...latest.values()].filter((r) => r.verdict === "approve" && r.revision === record.revision && !blockedBy.includes(r.reviewerId)).map((r) => r.reviewerId);
  return { approvals, blockedBy, required, satisfied: approvals.length >= required && blockedBy.length === 0 };
}

export interface TransitionCheck {
  to: DecisionStatus;
  allowed: boolean;
  reason: string | null;
  /** Why it is refused: the caller's role ("permission", a 403) or the record's state ("state", a 409). */
  refusal: "permission" | "state" | null;
}

/** Whether `actor` may move the record to `to` now, and if not, why. */
export function checkTransition(record: RecordFacts, actor: ActorFacts, to: DecisionStatus, requiredApprovals: number): TransitionCheck {
  const refuse = (reason: string, refusal: "permission" | "state" = "state"): TransitionCheck => ({ to, allowed: false, reason, refusal });
  const allow: TransitionCheck = { to, allowed: true, reason: null, refusal: null };
  if (!transitions[record.status].includes(to)) return refuse(`A ${record.status} record cannot become ${to}`);
  const isAuthor = actor.userId === record.authorId;
  switch (to) {
    case "proposed":
    case "draft":
      if (!isAuthor && !isReviewer(actor.role)) return refuse("Only the author (or an architect) can propose or withdraw a record", "permission");
      return allow;
    case "accepted": {
      if (!isReviewer(actor.role)) return refuse("Only architects accept records", "permission");
      const state = approvalState(record, requiredApprovals);
      if (state.blockedBy.length) return refuse("Changes were requested; the reviewer must approve a later revision first");
      if (!state.satisfied) return refuse(`Needs ${plural(requiredApprovals, "architect approval")} of revision ${record.revision}; has ${state.approvals.length}`);
      return allow;
    }
    case "rejected":
    case "deprecated":
    case "superseded":
      if (!isReviewer(actor.role)) return refuse(`Only architects mark records ${to}`, "permission");
      return allow;
  }
}

export function allowedTransitions(record: RecordFacts, actor: ActorFacts, requiredApprovals: number): TransitionCheck[] {
  return transitions[record.status].map((to) => checkTransition(record, actor, to, requiredApprovals));
}

/** Who may review: architects and admins, never the author, and only while the record is proposed. */
export function checkReview(record: RecordFacts, actor: ActorFacts, verdict: Verdict): string | null {
  if (verdict !== "comment" && !isReviewer(actor.role)) return "Only architects approve or request changes";
  if (verdict === "approve" && actor.userId === record.authorId) return "Authors cannot approve their own record";
  if (verdict !== "comment" && record.status !== "proposed") return `Reviews are for proposed records; this one is ${record.status}`;
  return null;
}

export const formatNumber = (n: number) => `ADR-${String(n).padStart(4, "0")}`;

/**
 * The first loop in "is superseded by" links (record → its successor), as the records in order
 * around it with the first repeated at the end (`[3, 5, 3]`), or null when the links form chains.
 */
export function supersessionCycle(links: ReadonlyMap<number, number>): number[] | null {
  const done = new Set<number>();
  for (const start of links.keys()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    for (let at: number | undefined = start; at !== undefined && !done.has(at); at = links.get(at)) {
      if (onPath.has(at)) return [...path.slice(path.indexOf(at)), at];
      path.push(at);
      onPath.add(at);
    }
    for (const n of path) done.add(n);
  }
  return null;
}
