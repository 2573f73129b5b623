// What the system routes answer: health, liveness, readiness.
import { z } from "zod";

export const healthResponse = z.object({ status: z.enum(["ok", "degraded"]), db: z.enum(["ok", "down"]) }).meta({ id: "Health" });
export const liveResponse = z.object({ status: z.literal("ok"), uptimeSeconds: z.number().int() });
const check = z.object({ ok: z.boolean(), detail: z.string() });
export const readyResponse = z.object({ status: z.enum(["ready", "not_ready"]), checks: z.object({ database: check, migrations: check, rollup: check }) }).meta({ id: "Readiness" });
/** A JSON document with no fixed shape here (this OpenAPI document, the catalog's JSON Schema). */
export const documentResponse = z.record(z.string(), z.unknown());
