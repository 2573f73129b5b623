import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness, unauthenticated for orchestrators: the process answers. It touches nothing else, so a database outage never gets the server restarted. */
export function GET() {
  return NextResponse.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } });
}
