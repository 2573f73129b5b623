import { NextResponse } from "next/server";
import { databaseHealthy } from "@/lib/db/health";
import { replicaReports, replicasConfigured } from "@/lib/db/replicas";

export const dynamic = "force-dynamic";

/** Unauthenticated on purpose: load balancers and uptime checks call it. It reveals nothing else. */
export async function GET() {
  const [ok, replicas] = await Promise.all([databaseHealthy(), replicasConfigured() ? replicaReports() : undefined]);
  // Reads fall back to the primary, so a replica's state is reported but is not an outage.
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", db: ok ? "ok" : "down", ...(replicas ? { replicas } : {}) },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
