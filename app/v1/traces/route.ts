// OTLP/HTTP trace ingestion (the path exporters use with OTEL_EXPORTER_OTLP_ENDPOINT).
import { NextResponse, type NextRequest } from "next/server";
import { verifyToken } from "@/lib/auth/api-tokens";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";
import { readLimitedBody } from "@/lib/http/read-body";
import { bodyDigest, ingestTraces } from "@/lib/telemetry/ingest";
import { OtlpDecodeError } from "@/lib/telemetry/otlp-json";
import { decodeTraceRequestProtobuf, encodeTraceResponseProtobuf } from "@/lib/telemetry/otlp-protobuf";

export async function POST(req: NextRequest) {
  try {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
    const actor = match?.[1] ? await verifyToken(match[1]) : null;
    if (!actor) throw new AppError("unauthenticated", "Send Authorization: Bearer <token> with the telemetry:write scope");
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const protobuf = type === "application/x-protobuf";
    if (!protobuf && type !== "application/json") throw new AppError("unsupported_media_type", "Send OTLP as application/json or application/x-protobuf");
    const body = await readLimitedBody(req, env().EDGEWISE_INGEST_MAX_BYTES);
    let parsed: unknown;
    try {
      parsed = protobuf ? decodeTraceRequestProtobuf(body) : JSON.parse(body.toString("utf8"));
    } catch (err) {
      if (err instanceof OtlpDecodeError) throw new AppError("bad_request", err.message);
      throw new AppError("bad_request", "The body is not valid JSON");
    }
    const result = await ingestTraces(actor, parsed, bodyDigest(body));
    // OTLP: 200 with an ExportTraceServiceResponse in the request's encoding; partialSuccess only when something was rejected.
    if (protobuf) {
      return new NextResponse(Buffer.from(encodeTraceResponseProtobuf(result.rejected, result.message)), { headers: { "Content-Type": "application/x-protobuf" } });
    }
    return NextResponse.json(result.rejected ? { partialSuccess: { rejectedSpans: String(result.rejected), errorMessage: result.message } } : {});
  } catch (err) {
    return errorResponse(err);
  }
}
