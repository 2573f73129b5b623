// MADR import is not a side door around the review workflow: each rule the transition and review
// endpoints hold, import holds too (issue 21, defect 2). Every refusal leaves the records as they were.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { actorFor, makeTeam } from "@/scripts/test/factories";
import * as importRoute from "@/app/api/decisions/import/route";
import { importDecisions } from "./import-export";
import { toMadr } from "./markdown";
import { createDecision, getDecision, reviewDecision, transitionDecision, type DecisionView } from "./records";
import { formatNumber } from "./workflow";

/** The record's own Markdown (what `GET /api/decisions/N.md` answers), edited as a user would. */
const fileOf = (view: DecisionView, change: Partial<DecisionView>) => ({ name: `adr-${view.number}.md`, content: toMadr({ ...view, ...change }) });

async function people() {
  const team = await makeTeam();
  return { member: await actorFor("member", [team.id]), architect: await actorFor("architect"), other: await actorFor("architect") };
}

async function proposed(author: Actor, title = "Authorize at capture") {
  const d = await createDecision(author, { title, context: "Inline authorization adds 250 ms." });
  return transitionDecision(author, d.number, { to: "proposed" });
}

/** Everything import could have touched for one record: status, revision, history, annotation, audit. */
async function state(number: number) {
  const row = await db().decisionRecord.findUniqueOrThrow({ where: { number }, include: { transitions: true, revisions: true } });
  return {
    status: row.status,
    revision: row.revision,
    transitions: row.transitions.length,
    revisions: row.revisions.length,
    annotations: await db().annotation.count({ where: { decisionId: row.id } }),
    audit: await db().auditEvent.count({ where: { entityId: row.id } }),
  };
}

async function refused(actor: Actor, file: { name: string; content: string }, number: number, message: RegExp | string) {
  const before = await state(number);
  const report = await importDecisions(actor, { files: [file], dryRun: false });
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.message).toMatch(message);
  expect(report).toMatchObject({ created: [], updated: [], unchanged: [] });
  expect(await state(number)).toEqual(before);
  return report.errors[0]!;
}

describe("MADR import obeys the review workflow", () => {
  it("refuses acceptance without the required approvals", async () => {
    const { member, architect } = await people();
    const d = await proposed(member);
    const error = await refused(architect, fileOf(d, { status: "accepted" }), d.number, "Needs 1 architect approval of revision 1; has 0");
    expect(error).toMatchObject({ file: `adr-${d.number}.md`, path: "status" });
  });

  it("refuses an author accepting their own record (authors' approvals never count)", async () => {
    const { architect } = await people();
    const d = await proposed(architect, "My own proposal");
    await expect(reviewDecision(architect, d.number, { verdict: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await refused(architect, fileOf(d, { status: "accepted" }), d.number, /Needs 1 architect approval/);
  });

  it("refuses transitions the lifecycle has no edge for, naming the allowed ones", async () => {
    const { member, architect } = await people();
    const draft = await createDecision(member, { title: "Still a draft" });
    await refused(architect, fileOf(draft, { status: "accepted" }), draft.number, "A draft record cannot become accepted (allowed now: proposed)");
    const d = await proposed(member, "Rejected one");
    await transitionDecision(architect, d.number, { to: "rejected" });
    const rejected = (await getDecision(architect, d.number)).record;
    await refused(architect, fileOf(rejected, { status: "accepted" }), d.number, /A rejected record cannot become accepted \(allowed now: none\)/);
  });

  it("refuses acceptance while a reviewer's requested changes stand", async () => {
    const { member, architect, other } = await people();
    const d = await proposed(member);
    await reviewDecision(other, d.number, { verdict: "approve" });
    await reviewDecision(architect, d.number, { verdict: "request-changes", comment: "Quantify it" });
    await refused(other, fileOf(d, { status: "accepted" }), d.number, /Changes were requested/);
  });

  it("counts approvals on the revision accepted: new content with the acceptance makes them stale", async () => {
    const { member, architect } = await people();
    const d = await proposed(member);
    await reviewDecision(architect, d.number, { verdict: "approve" });
    await refused(architect, fileOf(d, { status: "accepted", outcome: "Changed after the approval" }), d.number, "Needs 1 architect approval of revision 2; has 0");
  });

  it("refuses content changes to a final record", async () => {
    const { member, architect } = await people();
    const d = await proposed(member);
    await reviewDecision(architect, d.number, { verdict: "approve" });
    const accepted = await transitionDecision(architect, d.number, { to: "accepted" });
    await refused(architect, fileOf(accepted, { outcome: "Rewritten history" }), d.number, "A accepted record is final; supersede it with a new one");
  });

  it("supersedes only by another, accepted record, and changes a successor only with that transition", async () => {
    const { member, architect } = await people();
    const d = await proposed(member);
    await reviewDecision(architect, d.number, { verdict: "approve" });
    const accepted = await transitionDecision(architect, d.number, { to: "accepted" });
    const draft = await createDecision(member, { title: "Not accepted yet" });
    await refused(architect, fileOf(accepted, { status: "superseded", supersededBy: draft.number }), d.number, `ADR-${String(draft.number).padStart(4, "0")} must be another, accepted record`);
    await refused(architect, fileOf(accepted, { supersededBy: draft.number }), d.number, /successor changes only with its transition to superseded/);
  });

  it("makes an allowed change exactly as the transition endpoint does, and audits the import", async () => {
    const { architect, other } = await people();
    const d = await proposed(architect, "Approved by a colleague");
    await reviewDecision(other, d.number, { verdict: "approve" });
    const report = await importDecisions(architect, { files: [fileOf(d, { status: "accepted" })], dryRun: false });
    expect(report).toMatchObject({ errors: [], updated: [d.number] });
    const detail = await getDecision(architect, d.number);
    expect(detail.record.status).toBe("accepted");
    expect(detail.imported).toBeNull();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: "transition", summary: "proposed → accepted", actor: architect.email, comment: `Imported from adr-${d.number}.md` });
    expect(await db().annotation.count({ where: { decisionId: detail.record.id } })).toBe(1);
    const audit = await db().auditEvent.findMany({ where: { actorId: architect.userId, action: { in: ["decision.accepted", "decision.import"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["decision.accepted", "decision.import"]);
    expect(audit[1]!.after).toEqual({ files: [`adr-${d.number}.md`], created: [], updated: [d.number], unchanged: [] });
  });

  it("creates a new record with its imported status as history that says so", async () => {
    const { architect } = await people();
    const number = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const content = `---\nnumber: ${number}\ndate: 2024-03-01\nstatus: accepted\nauthor: "jane@elsewhere.example"\n---\n# Use Kafka for order events\n`;
    const report = await importDecisions(architect, { files: [{ name: "0042-kafka.md", content }], dryRun: false });
    expect(report).toMatchObject({ errors: [], created: [number] });
    const detail = await getDecision(architect, number);
    expect(detail.record).toMatchObject({ status: "accepted", author: "jane@elsewhere.example", decidedAt: "2024-03-01T00:00:00.000Z" });
    expect(detail.imported).toMatchObject({ status: "accepted", by: architect.email });
    expect(detail.imported!.comment).toBe("Imported from 0042-kafka.md as accepted (dated 2024-03-01, author jane@elsewhere.example); this status was not reached through review in Edgewise.");
    expect(detail.timeline.map((t) => `${t.kind}:${t.summary}`)).toContain("transition:imported → accepted");
    expect(await db().auditEvent.count({ where: { entityId: detail.record.id, action: "decision.import.create" } })).toBe(1);
  });

  it("puts every applied import in the audit log, even an unchanged one; a dry run is only a preview", async () => {
    const { member, architect } = await people();
    const d = await createDecision(member, { title: "Unchanged" });
    const file = fileOf(d, {});
    const count = () => db().auditEvent.count({ where: { actorId: architect.userId, action: "decision.import" } });
    expect(await importDecisions(architect, { files: [file], dryRun: true })).toMatchObject({ unchanged: [d.number] });
    expect(await count()).toBe(0);
    expect(await importDecisions(architect, { files: [file], dryRun: false })).toMatchObject({ unchanged: [d.number] });
    expect(await count()).toBe(1);
  });

  it("answers a refused import over HTTP with 422 and the reason, and applies nothing", async () => {
    const { member } = await people();
    const architect = await actorFor("architect");
    const d = await proposed(member);
    const token = (await createToken(systemActor("test"), { name: "t", scopes: ["decisions:write"], userEmail: architect.email })).token;
    const before = await state(d.number);
    const res = await importRoute.POST(
      new NextRequest("http://localhost/api/decisions/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ dryRun: false, files: [fileOf(d, { status: "accepted" })] }) }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details).toEqual([{ file: `adr-${d.number}.md`, path: "status", message: "Needs 1 architect approval of revision 1; has 0 (allowed now: draft, rejected)" }]);
    expect(await state(d.number)).toEqual(before);
  });

  it("refuses supersession loops with 422 naming the loop, within the upload and through stored links", async () => {
    const { member, architect } = await people();
    const base = 880_000_000 + Math.floor(Math.random() * 1_000_000);
    const file = (number: number, successor: number) => ({ name: `${number}.md`, content: `---\nnumber: ${number}\ndate: 2024-03-01\nstatus: superseded\nsuperseded-by: ${successor}\n---\n# Record ${number}\n` });
    const pair = await importDecisions(architect, { files: [file(base, base + 1), file(base + 1, base)], dryRun: false });
    expect(pair.errors).toEqual([{ file: `${base}.md`, path: "superseded-by", message: `Supersession loop: ADR-${base} → ADR-${base + 1} → ADR-${base}; a record cannot, directly or through others, supersede itself` }]);
    expect(pair.created).toEqual([]);
    expect(await db().decisionRecord.count({ where: { number: { in: [base, base + 1] } } })).toBe(0);

    // Stored: old is superseded by successor. A file making successor superseded by old closes the loop.
    const accept = async (title: string) => {
      const d = await proposed(member, title);
      await reviewDecision(architect, d.number, { verdict: "approve" });
      return transitionDecision(architect, d.number, { to: "accepted" });
    };
    const old = await accept("Poll the ledger");
    const successor = await accept("Subscribe to ledger events");
    await transitionDecision(architect, old.number, { to: "superseded", supersededBy: successor.number });
    const view = (await getDecision(architect, successor.number)).record;
    const error = await refused(architect, fileOf(view, { status: "superseded", supersededBy: old.number }), successor.number, /^Supersession loop: /);
    expect(error.message).toBe(`Supersession loop: ${formatNumber(successor.number)} → ${formatNumber(old.number)} → ${formatNumber(successor.number)}; a record cannot, directly or through others, supersede itself`);
  });

  it.each([
    ["a number past PostgreSQL's integer (P2020, a 500 before)", (n: number) => `---\nnumber: 2147483648\ndate: 2024-03-01\nstatus: proposed\n---\n# Record ${n}\n`, "number"],
    ["the impossible date 2026-13-45 (Invalid Date reached Prisma before)", (n: number) => `---\nnumber: ${n}\ndate: 2026-13-45\nstatus: proposed\n---\n# Record ${n}\n`, "date"],
    ["the date 0000-00-00", (n: number) => `---\nnumber: ${n}\ndate: 0000-00-00\nstatus: proposed\n---\n# Record ${n}\n`, "date"],
    ["a record superseded by itself", (n: number) => `---\nnumber: ${n}\ndate: 2024-03-01\nstatus: superseded\nsuperseded-by: ${n}\n---\n# Record ${n}\n`, "superseded-by"],
  ] as const)("answers an import of %s over HTTP with 422 naming the field, creating nothing (issue 21, defects 3 and 5)", async (_, content, path) => {
    const architect = await actorFor("architect");
    const token = (await createToken(systemActor("test"), { name: "t", scopes: ["decisions:write"], userEmail: architect.email })).token;
    const number = 890_000_000 + Math.floor(Math.random() * 1_000_000);
    const before = await db().decisionRecord.count();
    const res = await importRoute.POST(
      new NextRequest("http://localhost/api/decisions/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ dryRun: false, files: [{ name: `${number}.md`, content: content(number) }] }) }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { file: string; path: string; message: string }[] } };
    expect(body.error.details).toEqual([expect.objectContaining({ file: `${number}.md`, path })]);
    expect(await db().decisionRecord.count()).toBe(before);
  });
});
