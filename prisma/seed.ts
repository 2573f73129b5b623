// Demo data for a first start: four teams, sixteen services, about forty integration points, three journeys,
// one user per role, and the decision records behind the telemetry stories (seed-decisions.ts).
// Runs only on an empty database (no users), so it never overwrites real data.
import type { PrismaClient, Role } from "@prisma/client";
import { systemActor } from "../lib/auth/actor";
import { hashPassword } from "../lib/auth/password";
import { parseDeclaration } from "../lib/catalog/integration-schema";
import { insertIntegration } from "../lib/catalog/integrations";
import { createJourney } from "../lib/governance/journeys";
import { seedDecisions } from "./seed-decisions";
import { DEMO_INTEGRATIONS, DEMO_JOURNEYS } from "./seed-integrations";

export const DEMO_PASSWORD = "edgewise-demo";
export const DEMO_USERS: { email: string; name: string; role: Role; teams: string[] }[] = [
  { email: "admin@edgewise.local", name: "Ada Admin", role: "admin", teams: [] },
  { email: "architect@edgewise.local", name: "Ari Architect", role: "architect", teams: [] },
  { email: "member@edgewise.local", name: "Mel Member", role: "member", teams: ["checkout-team"] },
  { email: "viewer@edgewise.local", name: "Vic Viewer", role: "viewer", teams: [] },
];

const TEAMS = [
  { slug: "checkout-team", name: "Checkout" },
  { slug: "payments-team", name: "Payments" },
  { slug: "fulfilment-team", name: "Fulfilment" },
  { slug: "discovery-team", name: "Search & Discovery" },
];

const SERVICES: { slug: string; name: string; team: string; tier: number; description: string }[] = [
  { slug: "storefront-bff", name: "Storefront BFF", team: "checkout-team", tier: 1, description: "Backend-for-frontend serving the web and mobile storefronts." },
  { slug: "cart", name: "Cart", team: "checkout-team", tier: 1, description: "Shopping carts, line items and promotions applied to them." },
  { slug: "checkout", name: "Checkout", team: "checkout-team", tier: 1, description: "Orchestrates order placement: pricing, payment authorization, order creation." },
  { slug: "pricing", name: "Pricing", team: "checkout-team", tier: 2, description: "Prices, taxes and discounts for a basket." },
  { slug: "payments", name: "Payments", team: "payments-team", tier: 1, description: "Card authorization, capture and refunds through the payment providers." },
  { slug: "fraud-detection", name: "Fraud Detection", team: "payments-team", tier: 1, description: "Scores orders and payments for fraud risk." },
  { slug: "ledger", name: "Ledger", team: "payments-team", tier: 2, description: "Double-entry ledger of every money movement." },
  { slug: "payouts", name: "Payouts", team: "payments-team", tier: 3, description: "Settles marketplace sellers' balances." },
  { slug: "orders", name: "Orders", team: "fulfilment-team", tier: 1, description: "The order record and its state machine." },
  { slug: "inventory", name: "Inventory", team: "fulfilment-team", tier: 1, description: "Stock levels and reservations per warehouse." },
  { slug: "shipping", name: "Shipping", team: "fulfilment-team", tier: 2, description: "Carrier selection, labels and tracking." },
  { slug: "warehouse-gateway", name: "Warehouse Gateway", team: "fulfilment-team", tier: 2, description: "Bridges to the warehouse management systems." },
  { slug: "notifications", name: "Notifications", team: "fulfilment-team", tier: 3, description: "Email, SMS and push notifications to customers." },
  { slug: "search", name: "Search", team: "discovery-team", tier: 2, description: "Product search and autocomplete." },
  { slug: "product-catalog", name: "Product Catalog", team: "discovery-team", tier: 2, description: "Product data, variants and media." },
  { slug: "recommendations", name: "Recommendations", team: "discovery-team", tier: 3, description: "Personalised product recommendations." },
];

export async function seedDemo(prisma: PrismaClient): Promise<{ seeded: boolean }> {
  if ((await prisma.user.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const teams = new Map<string, string>();
    for (const t of TEAMS) teams.set(t.slug, (await tx.team.create({ data: t })).id);
    for (const s of SERVICES) {
      await tx.service.create({
        data: {
          slug: s.slug,
          name: s.name,
          teamId: teams.get(s.team)!,
          tier: s.tier,
          description: s.description,
          telemetryName: s.slug,
          links: [{ title: "Runbook", url: `https://runbooks.example.com/${s.slug}` }],
        },
      });
    }
    const seedActor = systemActor("seed");
    for (const declaration of DEMO_INTEGRATIONS) await insertIntegration(tx, seedActor, parseDeclaration(declaration));
    for (const journey of DEMO_JOURNEYS) await createJourney(seedActor, journey, tx);
    for (const u of DEMO_USERS) {
      await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash,
          memberships: { create: u.teams.map((slug) => ({ teamId: teams.get(slug)! })) },
        },
      });
    }
    await tx.auditEvent.create({
      data: { actorLabel: "seed", action: "seed.demo", entityType: "estate", entityId: "demo", after: { teams: TEAMS.length, services: SERVICES.length, integrations: DEMO_INTEGRATIONS.length, users: DEMO_USERS.length } },
    });
  }, { timeout: 120_000 });
  // After the estate commits: each workflow step is its own transaction, exactly as through the API.
  await seedDecisions(prisma, Date.now());
  return { seeded: true };
}
