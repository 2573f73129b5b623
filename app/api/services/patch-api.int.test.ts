// PATCH through the real route handlers changes only what the body names (services, journeys, decisions).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { createService } from "@/lib/catalog/services";
import { createDecision } from "@/lib/decisions/records";
import { createJourney } from "@/lib/governance/journeys";
import { makeTeam, makeUser, syncDeclaration, unique } from "@/scripts/test/factories";
import * as decisionRoute from "../decisions/[number]/route";
import * as journeyRoute from "../journeys/[slug]/route";
import * as serviceRoute from "./[slug]/route";

const patch = (token: string, body: unknown) =>
  new NextRequest("http://localhost/x", { method: "PATCH", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("PATCH keeps what it does not name", () => {
  it("for services, journeys and decision records", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const token = (await createToken(systemActor("test"), { name: "t", scopes: ["admin"], userEmail: admin.email })).token;
    const system = systemActor("test");

    const slug = unique("svc");
    await createService(system, { slug, name: "Before", team: team.slug, tier: 1, description: "kept", links: [{ title: "Runbook", url: "https://r.example.com" }] });
    const service = await serviceRoute.PATCH(patch(token, { name: "After" }), { params: Promise.resolve({ slug }) });
    expect(service.status).toBe(200);
    expect(await service.json()).toMatchObject({ name: "After", tier: 1, description: "kept", links: [{ title: "Runbook", url: "https://r.example.com" }] });

    const other = unique("svc");
    await createService(system, { slug: other, name: "Other", team: team.slug });
    const { view } = await createIntegration(system, syncDeclaration(slug, other));
    const journey = unique("journey");
    await createJourney(system, { slug: journey, name: "J", team: team.slug, budgetP99Ms: 500, criticality: "high", description: "kept", steps: [view.key] });
    const j = await journeyRoute.PATCH(patch(token, { name: "Renamed" }), { params: Promise.resolve({ slug: journey }) });
    expect(await j.json()).toMatchObject({ name: "Renamed", criticality: "high", description: "kept", steps: [view.key] });

    const d = await createDecision(system, { title: "Original title", context: "kept context", tags: ["kept"], integrations: [view.key] });
    const res = await decisionRoute.PATCH(patch(token, { title: "New title" }), { params: Promise.resolve({ number: String(d.number) }) });
    expect(await res.json()).toMatchObject({ title: "New title", context: "kept context", tags: ["kept"], integrations: [view.key] });
  });
});
