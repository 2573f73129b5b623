// The environment, parsed once with zod, so a misconfiguration fails fast with the variable's name.
import path from "node:path";
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
        .optional(),
    ),
    // Read replicas (lib/db/replicas.ts): streaming standbys of DATABASE_URL, comma-separated; pages and read APIs use them.
    DATABASE_READ_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (s) => s.split(",").every((u) => /^postgres(ql)?:\/\//.test(u.trim())),
          "must be one or more postgresql:// connection URLs, separated by commas",
        )
        .optional(),
    ),
    EDGEWISE_READ_MAX_LAG_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(3600).default(30)),
    EDGEWISE_READ_YOUR_WRITES_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3600).default(300)),
    EDGEWISE_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".edgewise")),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    NEXTAUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: z.preprocess(emptyToUndefined, z.string().url("must be an absolute URL").optional()),
    OIDC_ISSUER: z.preprocess(emptyToUndefined, z.string().url("must be the issuer URL").optional()),
    OIDC_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    OIDC_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
    OIDC_NAME: z.preprocess(emptyToUndefined, z.string().default("Single sign-on")),
    // Scopes asked of the provider; some (Okta's `groups`) must be asked for before a claim is released.
    EDGEWISE_OIDC_SCOPES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("openid email profile")
        .refine((s) => s.split(/\s+/).includes("openid"), "must include openid"),
    ),
    /** The claim (ID token or userinfo) whose values are the slugs of the user's teams; unset: memberships are left to admins. */
    EDGEWISE_OIDC_TEAMS_CLAIM: z.preprocess(emptyToUndefined, z.string().trim().optional()),
    /** Structured request logs (JSON lines on stdout); unset: info, or silent under the test runner. */
    EDGEWISE_LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
    EDGEWISE_LOGIN_MAX_FAILURES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
    EDGEWISE_LOGIN_WINDOW_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(15)),
    EDGEWISE_DECISION_APPROVALS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10).default(1)),
    EDGEWISE_INGEST_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).default(8 * 1024 * 1024)),
    EDGEWISE_INGEST_MAX_CONCURRENT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).default(16)),
    EDGEWISE_INGEST_RATE_PER_TOKEN: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(500)),
    EDGEWISE_INGEST_BURST_PER_TOKEN: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1000)),
    // Telemetry time sanity window (lib/telemetry/bounds.ts): how far ahead an item may start, how long a span may last.
    EDGEWISE_INGEST_MAX_FUTURE_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(1440).default(5)),
    EDGEWISE_INGEST_MAX_SPAN_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(525_600).default(1440)),
    // Remote write (lib/telemetry/classic-assembly.ts): how long a classic histogram split across requests waits for its other series.
    EDGEWISE_REMOTE_WRITE_ASSEMBLY_WAIT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3600).default(30)),
    // Observed-edge cardinality (lib/telemetry/edge-cap.ts): new undeclared edges per ingest token per hour, and in all.
    EDGEWISE_OBSERVED_EDGES_PER_TOKEN_HOUR: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1000)),
    EDGEWISE_OBSERVED_EDGES_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10_000)),
    /** /api/health/ready fails when the five-minute roll-up has not advanced for this long (a stalled server). */
    EDGEWISE_READY_ROLLUP_STALL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(6).max(24 * 60).default(15)),
    EDGEWISE_RETENTION_MINUTE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(14)),
    EDGEWISE_RETENTION_HOUR_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(36500).default(400)),
    EDGEWISE_SILENT_AFTER_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 90).default(24)),
    // Notification delivery (lib/notifications): per-attempt timeout, retries with full-jitter backoff, breaker per channel.
    EDGEWISE_NOTIFY_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(120_000).default(5000)),
    EDGEWISE_NOTIFY_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50).default(8)),
    EDGEWISE_NOTIFY_BACKOFF_BASE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60_000)),
    EDGEWISE_NOTIFY_BACKOFF_CAP_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(3_600_000)),
    EDGEWISE_NOTIFY_BREAKER_FAILURES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
    EDGEWISE_NOTIFY_BREAKER_OPEN_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60_000)),
    EDGEWISE_NOTIFY_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(60_000).default(1000)),
    EDGEWISE_NOTIFY_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(4)),
    EDGEWISE_NOTIFY_ENABLED: z.preprocess(emptyToUndefined, z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1")),
    EDGEWISE_TRACE_URL: z.preprocess(
      emptyToUndefined,
      z.string().url("must be an absolute URL").refine((u) => u.includes("{traceId}"), "must contain {traceId}, where the trace id goes").optional(),
    ),
    // The team a Backstage import puts services owned by a User (or by an unknown Group) in.
    EDGEWISE_BACKSTAGE_DEFAULT_TEAM: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a team slug: lowercase letters, digits and single hyphens").min(2).max(63).default("needs-owner"),
    ),
    EDGEWISE_METRICS_PUBLIC: z.preprocess(emptyToUndefined, z.enum(["0", "1"], { error: "must be 0 or 1" }).default("0")),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { dataDir: string; oidcEnabled: boolean };

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; the error names every bad variable and says what is wrong with it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    dataDir: path.resolve(env.EDGEWISE_DATA_DIR),
    oidcEnabled: Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET),
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
