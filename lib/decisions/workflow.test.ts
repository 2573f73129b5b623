import { describe, expect, it } from "vitest";
import { allowedTransitions, approvalState, checkReview, checkTransition, decisionStatuses, formatNumber, supersessionCycle, transitions, type DecisionStatus, type RecordFacts, type ReviewFact } from "./workflow";

const author = { userId: "author", role: "member" as const };
const architect = { userId: "arch1", role: "architect" as const };
const architect2 = { userId: "arch2", role: "architect" as const };
const viewer = { userId: "v", role: "viewer" as const };
const record = (status: DecisionStatus, reviews: ReviewFact[] = [], revision = 1): RecordFacts => ({ status, authorId: "author", revision, reviews });
const review = (reviewerId: string, verdict: ReviewFact["verdict"], revision = 1, reviewerRole: ReviewFact["reviewerRole"] = "architect"): ReviewFact => ({ reviewerId, reviewerRole, verdict, revision });

describe("the lifecycle graph", () => {
  // Every (from, to) pair: exactly the listed edges exist.
  const expected = new Set(["draft>proposed", "proposed>draft", "proposed>accepted", "proposed>rejected", "accepted>deprecated", "accepted>superseded"]);
  for (const from of decisionStatuses) {
    for (const to of decisionStatuses) {
      const exists = expected.has(`${from}>${to}`);
      it(`${from} → ${to} is ${exists ? "an edge" : "refused"}`, () => {
        expect(transitions[from].includes(to)).toBe(exists);
        if (!exists) {
          const check = checkTransition(record(from, [review("arch1", "approve")]), architect, to, 1);
          expect(check).toEqual({ to, allowed: false, reason: `A ${from} record cannot become ${to}`, refusal: "state" });
        }
      });
    }
  }
});

describe("who may move a record", () => {
  // A refusal for the caller's role is "permission" (answered 403), for the record's state "state" (409).
  it.each([
    ["author proposes a draft", record("draft"), author, "proposed", null],
    ["a viewer cannot propose", record("draft"), viewer, "proposed", "permission"],
    ["an architect may propose on the author's behalf", record("draft"), architect, "proposed", null],
    ["author withdraws a proposal", record("proposed"), author, "draft", null],
    ["author cannot accept", record("proposed", [review("arch1", "approve")]), author, "accepted", "permission"],
    ["architect accepts with one approval", record("proposed", [review("arch1", "approve")]), architect, "accepted", null],
    ["architect cannot accept without approval", record("proposed"), architect, "accepted", "state"],
    ["architect rejects", record("proposed"), architect, "rejected", null],
    ["member cannot reject", record("proposed"), author, "rejected", "permission"],
    ["architect deprecates an accepted record", record("accepted"), architect, "deprecated", null],
    ["member cannot supersede", record("accepted"), author, "superseded", "permission"],
    ["nobody accepts a draft", record("draft", [review("arch1", "approve")]), architect, "accepted", "state"],
  ] as const)("%s", (_name, rec, actor, to, refusal) => {
    const check = checkTransition(rec, actor, to, 1);
    expect(check.allowed).toBe(refusal === null);
    expect(check.refusal).toBe(refusal);
  });
  it("lists what the actor may do next, with reasons for what they may not", () => {
    expect(allowedTransitions(record("proposed"), architect, 1)).toEqual([
      { to: "draft", allowed: true, reason: null, refusal: null },
      { to: "accepted", allowed: false, reason: "Needs 1 architect approval of revision 1; has 0", refusal: "state" },
      { to: "rejected", allowed: true, reason: null, refusal: null },
    ]);
  });
});

describe("approval counting", () => {
  it.each([
    ["one approval meets the default", [review("arch1", "approve")], 1, 1, { approvals: ["arch1"], blockedBy: [], satisfied: true }],
    ["two are needed when configured", [review("arch1", "approve")], 1, 2, { approvals: ["arch1"], blockedBy: [], satisfied: false }],
    ["two distinct architects meet two", [review("arch1", "approve"), review("arch2", "approve")], 1, 2, { approvals: ["arch1", "arch2"], satisfied: true }],
    ["the same architect twice counts once", [review("arch1", "approve"), review("arch1", "approve")], 1, 2, { approvals: ["arch1"], satisfied: false }],
    ["the author's approval never counts", [review("author", "approve", 1, "admin")], 1, 1, { approvals: [], satisfied: false }],
    ["a member's approval does not count", [review("m", "approve", 1, "member")], 1, 1, { approvals: [], satisfied: false }],
    ["comments do not count", [review("arch1", "comment")], 1, 1, { approvals: [], satisfied: false }],
    ["approvals of an older revision are stale", [review("arch1", "approve", 1)], 2, 1, { approvals: [], satisfied: false }],
    ["request changes blocks even with other approvals", [review("arch1", "approve"), review("arch2", "request-changes")], 1, 1, { blockedBy: ["arch2"], satisfied: false }],
    ["a later approval by that reviewer lifts the block", [review("arch2", "request-changes", 1), review("arch2", "approve", 2)], 2, 1, { approvals: ["arch2"], blockedBy: [], satisfied: true }],
    ["a comment after request changes keeps the block", [review("arch2", "request-changes", 1), review("arch2", "comment", 2)], 2, 1, { blockedBy: ["arch2"], satisfied: false }],
    ["approving the same revision does not lift the block", [review("arch2", "request-changes", 2), review("arch2", "approve", 2)], 2, 1, { approvals: [], blockedBy: ["arch2"], satisfied: false }],
  ] as const)("%s", (_name, reviews, revision, required, expected) => {
    expect(approvalState(record("proposed", [...reviews], revision), required)).toMatchObject(expected);
  });
  it("acceptance is refused while changes are requested", () => {
    const rec = record("proposed", [review("arch1", "approve"), review("arch2", "request-changes")]);
    expect(checkTransition(rec, architect, "accepted", 1)).toEqual({ to: "accepted", allowed: false, reason: "Changes were requested; the reviewer must approve a later revision first", refusal: "state" });
    expect(checkTransition(record("proposed", [review("arch2", "request-changes", 1), review("arch2", "approve", 2)], 2), architect2, "accepted", 1).allowed).toBe(true);
  });
});

describe("reviews", () => {
  it.each([
    ["architect approves a proposal", record("proposed"), architect, "approve", null],
    ["author cannot approve their own", record("proposed"), { userId: "author", role: "architect" as const }, "approve", "Authors cannot approve their own record"],
    ["member cannot request changes", record("proposed"), author, "request-changes", "Only architects approve or request changes"],
    ["anyone signed in may comment", record("draft"), viewer, "comment", null],
    ["no approvals on drafts", record("draft"), architect, "approve", "Reviews are for proposed records; this one is draft"],
  ] as const)("%s", (_name, rec, actor, verdict, expected) => {
    expect(checkReview(rec, actor, verdict)).toBe(expected);
  });
  it("formats numbers as ADR-0012", () => {
    expect(formatNumber(12)).toBe("ADR-0012");
    expect(formatNumber(12345)).toBe("ADR-12345");
  });
});

describe("supersession loops", () => {
  it.each([
    ["no links", [], null],
    ["a chain", [[1, 2], [2, 3]], null],
    ["two chains into one successor", [[1, 3], [2, 3], [3, 4]], null],
    ["a record superseding itself", [[7, 7]], [7, 7]],
    ["two superseding each other", [[1, 2], [2, 1]], [1, 2, 1]],
    ["a loop behind a chain", [[9, 1], [1, 2], [2, 3], [3, 1]], [1, 2, 3, 1]],
  ] as const)("%s", (_name, links, cycle) => {
    expect(supersessionCycle(new Map(links.map(([a, b]) => [a, b])))).toEqual(cycle);
  });
});
