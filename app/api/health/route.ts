import { NextResponse } from "next/server";
import { databaseHealthy } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Unauthenticated on purpose: load balancers and uptime checks call it. It reveals nothing else. */
export async function GET() {
  const ok = await databaseHealthy();
  return NextResponse.json({ status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
