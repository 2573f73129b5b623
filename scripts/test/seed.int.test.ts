import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { migrate } from "@/lib/db/migrate";
import { carriesMessages, styles } from "@/lib/catalog/integration-schema";
import { DEMO_INTEGRATIONS } from "@/prisma/seed-integrations";
import { seedDemo } from "@/prisma/seed";

// The seed runs against its own database: it assumes an empty estate.
const name = `seed_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const adminUrl = inject("databaseUrl");
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
let prisma: PrismaClient | undefined;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
}

afterAll(async () => {
  await prisma?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("demo seed", () => {
  it("builds a realistic estate once, and never twice", async () => {
    await admin(`CREATE DATABASE ${name}`);
    await migrate(url);
    // The seed's integration inserts go through lib/db/client, which reads DATABASE_URL.
    process.env.DATABASE_URL = url;
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    expect(await seedDemo(prisma)).toEqual({ seeded: true });
    expect(await seedDemo(prisma)).toEqual({ seeded: false });

    expect(await prisma.team.count()).toBe(4);
    expect(await prisma.service.count()).toBeGreaterThanOrEqual(15);
    const integrations = await prisma.integrationPoint.findMany();
    expect(integrations.length).toBe(DEMO_INTEGRATIONS.length);
    expect(integrations.length).toBeGreaterThanOrEqual(38);
    expect(new Set(integrations.map((i) => i.style))).toEqual(new Set(styles));
    expect(new Set(integrations.map((i) => i.protocol)).size).toBeGreaterThanOrEqual(8);
    // Weak declarations are there on purpose, for governance to find.
    const semantics = integrations.map((i) => ({ style: i.style, s: i.semantics as { resilience?: { timeoutMs: number | null; retries?: { jitter: boolean } | null } | null; delivery?: { guarantee: string } | null; idempotency?: unknown } }));
    expect(semantics.some((x) => x.style === "sync" && !x.s.resilience?.timeoutMs)).toBe(true);
    expect(semantics.some((x) => x.s.resilience?.retries && !x.s.resilience.retries.jitter)).toBe(true);
    expect(semantics.some((x) => carriesMessages(x.style as never) && x.s.delivery?.guarantee === "at-least-once" && !x.s.idempotency)).toBe(true);
    const member = await prisma.user.findUniqueOrThrow({ where: { email: "member@edgewise.local" }, include: { memberships: true } });
    expect(member.memberships).toHaveLength(1);
  });
});

describe("demo governance", () => {
  it("has three journeys, one over budget, and findings for the deliberately weak declarations", async () => {
    const { listJourneys } = await import("@/lib/governance/journeys");
    const { listFindings } = await import("@/lib/governance/findings");
    const { systemActor } = await import("@/lib/auth/actor");
    const actor = systemActor("test");
    const journeys = await listJourneys(actor);
    expect(journeys.map((j) => j.slug).sort()).toEqual(["browse-and-search", "place-order", "refund"]);
    expect(journeys.filter((j) => j.composition.slackMs < 0).map((j) => j.slug)).toEqual(["place-order"]);
    const { items } = await listFindings(actor, {});
    const rulesFound = new Set(items.map((f) => f.rule));
    for (const rule of ["sync-timeout-declared", "retry-backoff-jitter", "at-least-once-idempotent", "journey-budget-composition", "strong-consistency-async", "lifecycle-overdue", "ordering-is-achievable"]) {
      expect(rulesFound, rule).toContain(rule);
    }
  });
});
