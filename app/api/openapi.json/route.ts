import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/http/openapi";

/** Public like any API description: it holds no data, only the shape of the API. Its server is NEXTAUTH_URL, else where it was asked. */
export function GET(req: NextRequest) {
  return NextResponse.json(openApiDocument(env().NEXTAUTH_URL ?? req.nextUrl.origin), { headers: { "Cache-Control": "public, max-age=300" } });
}
