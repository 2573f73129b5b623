// Test data with unique names, so tests never depend on each other or on the seed.
import { randomUUID } from "node:crypto";
import type { Role } from "@prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeTeam() {
  const slug = unique("team");
  return db().team.create({ data: { slug, name: `Team ${slug}` } });
}

export async function makeService(teamId: string, name?: string) {
  const slug = unique("svc");
  return db().service.create({ data: { slug, name: name ?? `Service ${slug}`, teamId, telemetryName: slug } });
}

export async function makeUser(role: Role, teamIds: string[] = []) {
  const email = `${unique(role)}@test.local`;
  return db().user.create({
    data: { email, name: email, role, memberships: { create: teamIds.map((teamId) => ({ teamId })) } },
  });
}

export async function actorFor(role: Role, teamIds: string[] = []): Promise<Actor> {
  const user = await makeUser(role, teamIds);
  return { userId: user.id, email: user.email, name: user.name, role, teamIds, via: "session" };
}

/** A minimal valid synchronous declaration between two services. */
export function syncDeclaration(source: string, target: string, extra: Record<string, unknown> = {}) {
  return { sourceService: source, targetService: target, operation: unique("op"), style: "sync", protocol: "grpc", budget: { p50Ms: 10, p95Ms: 50, p99Ms: 100 }, ...extra };
}
