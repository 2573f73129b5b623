// The delivery log (each delivery with its attempts) and replaying dead letters: a replay gives the
// delivery a fresh set of attempts and hands it back to the relay; the attempts made stay on record.
import "server-only";
import { Prisma } from "@prisma/client";
import { recordAudit } from "@/lib/audit";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadChannel, visibleTeams } from "./channels";
import type { DeliveryListQuery, DELIVERY_STATES } from "./schema";

type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryView {
  id: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  channel: { id: string; name: string };
  event: { id: string; type: string; state: string | null; severity: string; summary: string; link: string; occurredAt: string; integration: string | null; team: string | null };
  attemptLog: { at: string; ok: boolean; status: number | null; error: string | null; durationMs: number }[];
}

const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`d:${createdAt.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^d:([0-9T:.\-Z]{20,30})\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const createdAt = match ? new Date(match[1]!) : null;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime())) throw new AppError("bad_request", "The cursor is not one this API returned");
  return { createdAt, id: match[2]! };
}

/** Newest first; members see the deliveries of their teams' channels. */
export async function listDeliveries(actor: Actor, query: DeliveryListQuery): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  const teams = visibleTeams(actor);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const where: Prisma.NotificationDeliveryWhereInput = {
    ...(query.channel ? { channelId: query.channel } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(teams ? { channel: { teamId: { in: teams } } } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db().notificationDelivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { channel: { select: { id: true, name: true } }, event: true, attemptRows: { orderBy: { at: "asc" } } },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((d) => ({
      id: d.id,
      // Written only by the delivery worker, with the states of DELIVERY_STATES.
      state: d.state as DeliveryState,
      attempts: d.attempts,
      nextAttemptAt: d.state === "pending" || d.state === "waiting" ? d.nextAttemptAt.toISOString() : null,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      channel: d.channel,
      event: {
        id: d.event.id,
        type: d.event.type,
        state: d.event.state,
        severity: d.event.severity,
        summary: d.event.summary,
        link: d.event.link,
        occurredAt: d.event.occurredAt.toISOString(),
        integration: d.event.integration,
        team: d.event.team,
      },
      attemptLog: d.attemptRows.map((a) => ({ at: a.at.toISOString(), ok: a.ok, status: a.status, error: a.error, durationMs: a.durationMs })),
    })),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.createdAt, page.at(-1)!.id) : null,
  };
}

const REPLAY = Prisma.sql`state = 'pending', attempts = 0, next_attempt_at = now(), enqueued_at = NULL, lease_until = NULL, updated_at = now()`;

export async function replayDelivery(actor: Actor, id: string): Promise<{ id: string; state: "pending" }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError("not_found", "No such delivery");
  return db().$transaction(async (tx) => {
    const [d] = await tx.$queryRaw<{ channel_id: string; state: string; attempts: number }[]>`
      SELECT channel_id, state, attempts FROM notification_deliveries WHERE id = ${id}::uuid FOR UPDATE`;
    if (!d) throw new AppError("not_found", "No such delivery");
    await loadChannel(tx, actor, d.channel_id);
    if (d.state !== "dead") throw new AppError("conflict", `Only dead letters are replayed; this delivery is ${d.state}`);
    await tx.$executeRaw`UPDATE notification_deliveries SET ${REPLAY} WHERE id = ${id}::uuid`;
    await recordAudit(tx, auditActor(actor), { action: "notification.delivery.replay", entityType: "notification_delivery", entityId: id, before: { state: d.state, attempts: d.attempts }, after: { state: "pending" } });
    return { id, state: "pending" as const };
  });
}

/** Replays every dead letter of one channel, or of every channel the actor manages. */
export async function replayDeadLetters(actor: Actor, input: { channelId?: string }): Promise<{ replayed: number }> {
  return db().$transaction(async (tx) => {
    const teams = visibleTeams(actor);
    if (input.channelId) {
      try {
        await loadChannel(tx, actor, input.channelId);
      } catch (err) {
        throw err instanceof AppError && err.code === "not_found" ? new AppError("validation_failed", "No such channel", [{ path: "channelId", message: "Unknown channel" }]) : err;
      }
    }
    const channelFilter = input.channelId ? Prisma.sql`AND channel_id = ${input.channelId}::uuid` : Prisma.empty;
    const teamFilter = teams ? Prisma.sql`AND channel_id IN (SELECT id FROM notification_channels WHERE team_id = ANY(${teams}::uuid[]))` : Prisma.empty;
    const replayed = await tx.$executeRaw`UPDATE notification_deliveries SET ${REPLAY} WHERE state = 'dead' ${channelFilter} ${teamFilter}`;
    await recordAudit(tx, auditActor(actor), {
      action: "notification.dead_letters.replay",
      entityType: "notification_channel",
      entityId: input.channelId ?? "*",
      after: { replayed },
    });
    return { replayed };
  });
}
