import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/http/openapi";

/** Public like any API description: it holds no data, only the shape of the API. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
