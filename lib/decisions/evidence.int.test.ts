// Evidence on decision records: computed by the server, stored immutably, attachable only while the
// record is draft or proposed by those who may edit it, and written into the MADR export.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { createJourney } from "@/lib/governance/journeys";
import { ingest } from "@/lib/telemetry/ingest";
import { jsonCodec } from "@/lib/telemetry/otlp-codec";
import { actorFor, makeService, makeTeam, syncDeclaration, unique } from "@/scripts/test/factories";
import * as evidenceRoute from "@/app/api/decisions/[number]/evidence/route";
import { addEvidence, evidenceOfRecord, listEvidence } from "./evidence";
import { exportAll } from "./import-export";
import { parseMadr } from "./madr-parse";
import { toMadr } from "./markdown";
import { createDecision, getDecision, reviewDecision, transitionDecision } from "./records";

async function estate() {
  const team = await makeTeam();
  const [a, b, c] = [await makeService(team.id), await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const architect = await actorFor("architect");
  const first = (await createIntegration(member, syncDeclaration(a.slug, b.slug, { operation: "call", budget: { p50Ms: 40, p99Ms: 200 } }))).view.key;
  const second = (await createIntegration(member, syncDeclaration(b.slug, c.slug, { budget: { p50Ms: 20, p99Ms: 120 } }))).view.key;
  const journey = unique("checkout");
  await createJourney(member, { slug: journey, name: "Checkout", team: team.slug, budgetP99Ms: 300, criticality: "high", description: "", steps: [first, second] });
  return { team, a, b, member, architect, first, second, journey };
}

describe("decision evidence", () => {
  it("stores a what-if as computed, lists it, audits it, and a re-run is a new item that leaves the first alone", async () => {
    const { member, journey, first, second } = await estate();
    const d = await createDecision(member, { title: "Move the lookup off the request path", integrations: [first] });
    const scenario = { changes: [{ integration: second, style: "async-event" as const }] };
    const item = await addEvidence(member, d.number, { kind: "simulation", journey, scenario, requests: 5000, seed: 3, note: "The case for async" });
    if (item.kind !== "simulation") throw new Error("kind");
    expect(item).toMatchObject({ kind: "simulation", journey, scenario, requests: 5000, seed: 3, note: "The case for async", addedBy: member.email });
    expect(item.title).toBe(`What if on ${journey}: ${second}: style → async-event`);
    // Declared lognormals (no telemetry): the baseline adds both steps, the scenario only the first.
    expect(item.result.baseline.steps.map((step) => step.source)).toEqual(["declared", "declared"]);
    expect(item.result.scenario.p99Ms).toBeLessThan(item.result.baseline.p99Ms);
    expect(item.result.scenario.steps[1]).toMatchObject({ synchronous: false });
    expect(Date.parse(item.telemetryRange.to) - Date.parse(item.telemetryRange.from)).toBe(7 * 86_400_000);
    expect(await listEvidence(member, d.number)).toEqual([item]);
    const audit = await db().auditEvent.findMany({ where: { entityId: d.id, action: "decision.evidence.add" } });
    expect(audit).toHaveLength(1);

    const rerun = await addEvidence(member, d.number, { kind: "simulation", journey, scenario, requests: 5000, seed: 4 }, Date.now() + 60_000);
    const listed = await listEvidence(member, d.number);
    expect(listed.map((e) => e.id)).toEqual([item.id, rerun.id]);
    expect(listed[0]).toEqual(item);
  });

  it("is immutable: the database refuses an update, and the API has no PATCH or DELETE", async () => {
    const { member, journey } = await estate();
    const d = await createDecision(member, { title: "Immutable evidence" });
    const item = await addEvidence(member, d.number, { kind: "simulation", journey, requests: 1000 });
    await expect(db().decisionEvidence.update({ where: { id: item.id }, data: { title: "rewritten" } })).rejects.toThrow(/immutable/);
    await expect(db().$executeRaw`UPDATE decision_evidence SET payload = '{}'::jsonb WHERE id = ${item.id}::uuid`).rejects.toThrow(/immutable/);
    expect((await listEvidence(member, d.number))[0]).toEqual(item);
    expect(Object.keys(evidenceRoute).sort()).toEqual(["GET", "POST"]);
  });

  it("is refused once the record is accepted, for someone who may not edit it, and for bad input — changing nothing", async () => {
    const { team, member, architect, journey, first } = await estate();
    const d = await createDecision(member, { title: "Accepted records are final", integrations: [first] });
    const otherMember = await actorFor("member", [team.id]);
    const viewer = await actorFor("viewer");
    await expect(addEvidence(otherMember, d.number, { kind: "simulation", journey, requests: 1000 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addEvidence(viewer, d.number, { kind: "simulation", journey, requests: 1000 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addEvidence(member, d.number, { kind: "simulation", journey: "no-such-journey", requests: 1000 })).rejects.toMatchObject({ code: "not_found" });
    await expect(addEvidence(member, d.number, { kind: "simulation", journey, scenario: { changes: [{ integration: "x->y:z", timeoutMs: 5 }] }, requests: 1000 })).rejects.toThrow(/Not a step of journey/);
    await expect(addEvidence(member, d.number, { kind: "latency-snapshot", integration: "x->y:z" })).rejects.toThrow(/not linked to this record/);
    await expect(addEvidence(member, d.number, { kind: "guess" } as never)).rejects.toThrow(/kind is one of simulation, latency-snapshot/);
    expect(await listEvidence(member, d.number)).toEqual([]);

    // Proposed: still open to evidence.
    await transitionDecision(member, d.number, { to: "proposed" });
    await addEvidence(architect, d.number, { kind: "simulation", journey, requests: 1000 });
    await reviewDecision(architect, d.number, { verdict: "approve" });
    await transitionDecision(architect, d.number, { to: "accepted" });
    await expect(addEvidence(architect, d.number, { kind: "simulation", journey, requests: 1000 })).rejects.toMatchObject({ code: "conflict" });
    expect(await listEvidence(member, d.number)).toHaveLength(1);
  });

  it("snapshots a linked integration's observed latency, and the MADR export writes every item in an Evidence section", async () => {
    const { a, b, member, journey, first } = await estate();
    // 200 calls an hour ago, 1..200 ms.
    const start = BigInt(Date.now() - 3_600_000) * 1_000_000n;
    const payload = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: a.slug } }] },
          scopeSpans: [
            {
              spans: Array.from({ length: 200 }, (_, i) => ({
                traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
                spanId: (i + 1).toString(16).padStart(16, "0"),
                name: "call",
                kind: 3,
                startTimeUnixNano: String(start + BigInt(i)),
                endTimeUnixNano: String(start + BigInt(i) + BigInt((i + 1) * 1_000_000)),
                attributes: [{ key: "peer.service", value: { stringValue: b.slug } }],
              })),
            },
          ],
        },
      ],
    };
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));
    const d = await createDecision(member, { title: "Evidence in the export", integrations: [first] });
    const snapshot = await addEvidence(member, d.number, { kind: "latency-snapshot", integration: first });
    expect(snapshot).toMatchObject({ kind: "latency-snapshot", integration: first, calls: 200, errors: 0, budget: { p50Ms: 40, p99Ms: 200 } });
    if (snapshot.kind !== "latency-snapshot") throw new Error("kind");
    // Exact nearest-rank values are 100 and 198 ms; the histogram is within 0.5 %.
    expect(Math.abs(snapshot.percentiles.p50Ms! - 100) / 100).toBeLessThan(0.006);
    expect(Math.abs(snapshot.percentiles.p99Ms! - 198) / 198).toBeLessThan(0.006);
    const sim = await addEvidence(member, d.number, { kind: "simulation", journey, scenario: { changes: [{ integration: first, timeoutMs: 150, retries: 2 }] }, requests: 2000 });

    const detail = await getDecision(member, d.number);
    const md = toMadr(detail.record, await evidenceOfRecord(d.id));
    expect(md).toContain("## Evidence");
    expect(md).toContain(`### Latency of ${first}`);
    expect(md).toContain(`over 200 calls (0 errors), against a p99 budget of 200 ms`);
    expect(md).toContain(`### ${sim.title}`);
    expect(md).toContain(`Scenario: ${first}: timeout 150 ms, 2 attempts.`);
    expect(md).toContain("| | baseline | scenario |");
    if (sim.kind !== "simulation") throw new Error("kind");
    expect(md).toContain(`| p99 | ${Math.round(sim.result.baseline.p99Ms * 10) / 10} ms | ${Math.round(sim.result.scenario.p99Ms * 10) / 10} ms |`);
    // MADR import reads the record back without the evidence (which it leaves alone).
    expect(parseMadr("x.md", md).content.title).toBe("Evidence in the export");
    expect(toMadr({ ...detail.record, ...parseMadr("x.md", md).content })).toBe(toMadr(detail.record));
    // The zip export carries the same section.
    const files = unzipSync(await exportAll(member));
    const file = Object.entries(files).find(([name]) => name.endsWith("-evidence-in-the-export.md"));
    expect(strFromU8(file![1])).toBe(md);
  });
});
