// What the system routes answer: health, liveness, readiness.
import { z } from "zod";

const replicaHealth = z
  .object({
    name: z.string().meta({ description: "replica-1, replica-2…: the position in DATABASE_READ_URL (hosts are not shown)" }),
    state: z.enum(["ok", "lagging", "down"]).meta({ description: "lagging: further behind than EDGEWISE_READ_MAX_LAG_SECONDS; lagging and down replicas serve no reads" }),
    lagSeconds: z.number().nullable().meta({ description: "0 when everything received is replayed; null when unknown or down" }),
    detail: z.string().optional(),
  });
export const healthResponse = z
  .object({
    status: z.enum(["ok", "degraded"]),
    db: z.enum(["ok", "down"]),
    replicas: z.array(replicaHealth).optional().meta({ description: "Only when DATABASE_READ_URL names read replicas; a replica's state never makes the answer 503" }),
  })
  .meta({ id: "Health" });
export const liveResponse = z.object({ status: z.literal("ok"), uptimeSeconds: z.number().int() });
const check = z.object({ ok: z.boolean(), detail: z.string() });
export const readyResponse = z.object({ status: z.enum(["ready", "not_ready"]), checks: z.object({ database: check, migrations: check, rollup: check }) }).meta({ id: "Readiness" });
/** A JSON document with no fixed shape here (this OpenAPI document, the catalog's JSON Schema). */
export const documentResponse = z.record(z.string(), z.unknown());
