// The transactional outbox: events are written inside the transaction of the state change that
// causes them, and fanned out there to one delivery per matching channel. Ids are deterministic, so
// a re-run (or a second server) inserts nothing twice; the unique (event, channel) pair means an
// event already delivered on a channel is never queued for it again. Nothing is sent from here.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { ruleMatches, type RuleFilters } from "./match";
import type { NotificationEvent } from "./types";

interface RuleRow {
  events: string[];
  filters: RuleFilters;
  muted: boolean;
  channel_id: string;
  channel_team: string | null;
}

/** Writes the events (skipping ids already recorded) and their deliveries; answers the ids that were new. */
export async function recordEvents(tx: Tx, events: NotificationEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO notification_events (id, type, state, severity, occurred_at, summary, link, integration, team, decision, data)
    SELECT id, type, state, severity, occurred_at, summary, link, integration, team, decision, data
    FROM jsonb_to_recordset(${JSON.stringify(events.map((e) => ({ ...e, occurred_at: e.occurredAt })))}::jsonb)
      AS x(id text, type text, state text, severity text, occurred_at timestamptz, summary text, link text, integration text, team text, decision int, data jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) return [];
  const fresh = new Set(inserted.map((r) => r.id));
  const rules = await tx.$queryRaw<RuleRow[]>`
    SELECT r.events, r.filters, r.muted, r.channel_id, t.slug AS channel_team
    FROM notification_rules r JOIN notification_channels c ON c.id = r.channel_id LEFT JOIN teams t ON t.id = c.team_id
    WHERE NOT r.muted`;
  const pairs: { event_id: string; channel_id: string }[] = [];
  for (const event of events) {
    if (!fresh.has(event.id)) continue;
    const channels = new Set(rules.filter((r) => ruleMatches({ ...r, channelTeam: r.channel_team }, event)).map((r) => r.channel_id));
    for (const channel of channels) pairs.push({ event_id: event.id, channel_id: channel });
  }
  if (pairs.length) {
    await tx.$executeRaw`
      INSERT INTO notification_deliveries (id, event_id, channel_id, state, next_attempt_at, updated_at)
      SELECT gen_random_uuid(), event_id, channel_id, 'pending', now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(event_id text, channel_id uuid)
      ON CONFLICT (event_id, channel_id) DO NOTHING`;
  }
  return [...fresh];
}
