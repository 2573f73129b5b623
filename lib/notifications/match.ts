// Which rules an event matches (pure): the event type, the rule's team/integration filters and
// minimum severity, not muted — and a team's channel hears only about its own team.
import { z } from "zod";
import { atLeast, EVENT_SEVERITIES, type NotificationEvent } from "./types";

export const ruleFiltersSchema = z
  .object({
    teams: z.array(z.string().min(1).max(63)).max(100).optional(),
    integrations: z.array(z.string().min(1).max(200)).max(500).optional(),
    minSeverity: z.enum(EVENT_SEVERITIES).optional(),
  })
  .strict();
export type RuleFilters = z.infer<typeof ruleFiltersSchema>;

export interface MatchableRule {
  events: string[];
  filters: RuleFilters;
  muted: boolean;
  /** The slug of the team owning the rule's channel, or null for an estate-wide channel. */
  channelTeam: string | null;
}

export function ruleMatches(rule: MatchableRule, event: Pick<NotificationEvent, "type" | "severity" | "team" | "integration">): boolean {
  if (rule.muted || event.type === "test" || !rule.events.includes(event.type)) return false;
  if (rule.channelTeam !== null && event.team !== rule.channelTeam) return false;
  const { teams, integrations, minSeverity } = rule.filters;
  if (teams?.length && (event.team === null || !teams.includes(event.team))) return false;
  if (integrations?.length && (event.integration === null || !integrations.includes(event.integration))) return false;
  return !minSeverity || atLeast(event.severity, minSeverity);
}
