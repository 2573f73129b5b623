// The inputs of the notifications API, one zod schema each (routes, OpenAPI and the UI share them).
import { z } from "zod";
import { ruleFiltersSchema } from "./match";
import { CHANNEL_KINDS, EVENT_TYPES } from "./types";

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url("url must be an absolute http(s) URL")
  .refine((u) => /^https?:\/\//i.test(u), "url must be an http(s) URL");
const name = z.string().trim().min(1, "Name the channel").max(100);
const team = z.string().trim().min(1).max(63).nullable();

export const channelCreateSchema = z
  .object({
    name,
    kind: z.enum(CHANNEL_KINDS),
    url: httpUrl,
    /** The owning team's slug; null or absent: estate-wide (admins and architects only). */
    team: team.optional(),
  })
  .strict();

export const channelUpdateSchema = z
  .object({
    name: name.optional(),
    url: httpUrl.optional(),
    team: team.optional(),
    /** A new signing secret, answered once (webhook channels). */
    rotateSecret: z.literal(true).optional(),
  })
  .strict();

const ruleEvents = z
  .array(z.enum(EVENT_TYPES).refine((t) => t !== "test", "test events are sent only by the channel test"))
  .min(1, "Choose at least one event type")
  .max(EVENT_TYPES.length)
  .transform((ts) => [...new Set(ts)]);

export const ruleCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Name the rule").max(100),
    events: ruleEvents,
    filters: ruleFiltersSchema.default({}),
    channelId: z.uuid("channelId must be a channel's id"),
    muted: z.boolean().default(false),
  })
  .strict();

export const ruleUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    events: ruleEvents.optional(),
    filters: ruleFiltersSchema.optional(),
    channelId: z.uuid().optional(),
    muted: z.boolean().optional(),
  })
  .strict();

export const DELIVERY_STATES = ["pending", "waiting", "delivered", "dead"] as const;

export const deliveryListQuerySchema = z.object({
  channel: z.uuid("channel must be a channel's id").optional(),
  state: z.enum(DELIVERY_STATES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const deadLetterReplaySchema = z.object({ channelId: z.uuid("channelId must be a channel's id").optional() }).strict();

export type ChannelCreate = z.infer<typeof channelCreateSchema>;
export type ChannelUpdate = z.infer<typeof channelUpdateSchema>;
export type RuleCreate = z.infer<typeof ruleCreateSchema>;
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>;
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;
