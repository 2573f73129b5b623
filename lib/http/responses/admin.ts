// What the administration and notification routes answer: users, tokens, channels, rules, deliveries, audit.
import { z } from "zod";
import { ruleFiltersSchema } from "@/lib/notifications/match";
import { DELIVERY_STATES } from "@/lib/notifications/schema";
import { CHANNEL_KINDS } from "@/lib/notifications/types";
import { isoDateTime, nullableDateTime } from "./common";

export const userResponse = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["viewer", "member", "architect", "admin"]), teams: z.array(z.string()), disabled: z.boolean(), sso: z.boolean(), createdAt: isoDateTime })
  .meta({ id: "User" });

export const tokenResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe("The token's first characters, to recognise it"),
    scopes: z.array(z.string()),
    user: z.object({ id: z.string(), email: z.string() }),
    createdAt: isoDateTime,
    lastUsedAt: nullableDateTime,
    expiresAt: nullableDateTime,
    revokedAt: nullableDateTime,
  })
  .meta({ id: "Token" });

export const createdTokenResponse = tokenResponse.extend({ token: z.string().describe("The token itself, shown this once") });

export const channelResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CHANNEL_KINDS),
    url: z.string().describe("Slack webhook URLs are credentials: only their origin is shown"),
    team: z.string().nullable(),
    signed: z.boolean(),
    breaker: z.object({ state: z.string(), consecutiveFailures: z.number().int(), openedAt: nullableDateTime }),
    lastSuccessAt: nullableDateTime,
    lastFailureAt: nullableDateTime,
    lastError: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "Channel" });

export const ruleResponse = z
  .object({ id: z.string(), name: z.string(), events: z.array(z.string()), filters: ruleFiltersSchema, channelId: z.string(), channel: z.string(), muted: z.boolean(), createdAt: isoDateTime, updatedAt: isoDateTime })
  .meta({ id: "Rule" });

export const deliveryPageResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      state: z.enum(DELIVERY_STATES),
      attempts: z.number().int(),
      nextAttemptAt: nullableDateTime,
      lastError: z.string().nullable(),
      deliveredAt: nullableDateTime,
      createdAt: isoDateTime,
      channel: z.object({ id: z.string(), name: z.string() }),
      event: z.object({
        id: z.string(),
        type: z.string(),
        state: z.string().nullable(),
        severity: z.string(),
        summary: z.string(),
        link: z.string(),
        occurredAt: isoDateTime,
        integration: z.string().nullable(),
        team: z.string().nullable(),
      }),
      attemptLog: z.array(z.object({ at: isoDateTime, ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const auditPageResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: isoDateTime,
      actor: z.string(),
      actorId: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      before: z.unknown().describe("The entity before the change (JSON), null on create"),
      after: z.unknown().describe("The entity after the change (JSON), null on delete"),
    }),
  ),
  nextCursor: z.string().nullable(),
  entityTypes: z.array(z.string()).describe("The entity types the log holds, for the filter"),
});

export const createdChannelResponse = channelResponse.extend({ secret: z.string().nullable().describe("A webhook's signing secret, shown this once; null for other kinds") });
export const updatedChannelResponse = channelResponse.extend({ secret: z.string().optional().describe("The new signing secret after rotateSecret, shown this once") });
