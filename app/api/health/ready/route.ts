import { NextResponse } from "next/server";
import { readiness } from "@/lib/db/readiness";

export const dynamic = "force-dynamic";

/** Readiness, unauthenticated for load balancers: 200 when the server can serve, 503 naming the failed check. It reveals no data. */
export async function GET() {
  const r = await readiness();
  return NextResponse.json({ status: r.ready ? "ready" : "not_ready", checks: r.checks }, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
