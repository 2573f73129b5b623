// Notification channels and rules: admins and architects manage all of them, members those of
// their teams' channels (a rule belongs to its channel's team). A webhook's signing secret is
// generated here, stored sealed and answered once, on create or rotation.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { canSomewhere } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deliveryConfig } from "./delivery";
import type { RuleFilters } from "./match";
import type { ChannelCreate, ChannelUpdate, RuleCreate, RuleUpdate } from "./schema";
import { encryptSecret, generateSecret } from "./secret-box";
import type { AttemptOutcome, ChannelKind, NotificationEvent } from "./types";
import { storedUrl, targetOf } from "./channel-secrets";

// Managing notifications is a catalog write: members on their own teams' channels, architects and admins on all.
const ACTION = "catalog:write" as const;

/** The owning team's slug (the channel table holds only the id: a channel outlives its team). */
async function withTeam<T extends { teamId: string | null }>(client: Tx, row: T): Promise<T & { team: { slug: string } | null }> {
  const team = row.teamId ? await client.team.findUnique({ where: { id: row.teamId }, select: { slug: true } }) : null;
  return { ...row, team };
}

interface ChannelRow {
  id: string;
  name: string;
  kind: string;
  url: string;
  secretBox: string | null;
  teamId: string | null;
  breakerState: string;
  consecutiveFailures: number;
  breakerOpenedAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  /** Slack incoming-webhook URLs are credentials: only their origin is shown. */
  url: string;
  team: string | null;
  signed: boolean;
  breaker: { state: string; consecutiveFailures: number; openedAt: string | null };
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const shownUrl = (kind: string, url: string) => (kind === "slack" ? `${new URL(url).origin}/…` : url);

function view(row: ChannelRow, teamSlug: string | null): ChannelView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    url: shownUrl(row.kind, row.url),
    team: teamSlug,
    signed: row.secretBox !== null,
    breaker: { state: row.breakerState, consecutiveFailures: row.consecutiveFailures, openedAt: iso(row.breakerOpenedAt) },
    lastSuccessAt: iso(row.lastSuccessAt),
    lastFailureAt: iso(row.lastFailureAt),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Which channels the actor may see and manage: all (null) or those of these teams. */
export function visibleTeams(actor: Actor): string[] | null {
  if (!canSomewhere(actor, ACTION)) authorize(actor, ACTION);
  return actor.role === "member" ? [...actor.teamIds] : null;
}

async function teamIdOf(tx: Tx, slug: string | null | undefined): Promise<string | null> {
  if (!slug) return null;
  const team = await tx.team.findUnique({ where: { slug }, select: { id: true } });
  if (!team) throw new AppError("validation_failed", `No team ${slug}`, [{ path: "team", message: "Unknown team" }]);
  return team.id;
}

/** The channel, if the actor may manage it (404 for one they cannot see at all). */
export async function loadChannel(tx: Tx, actor: Actor, id: string, lock = false) {
  const teams = visibleTeams(actor);
  if (lock) await tx.$queryRaw`SELECT 1 FROM notification_channels WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.notificationChannel.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "No such notification channel");
  if (teams && (!row.teamId || !teams.includes(row.teamId))) throw new AppError("forbidden", `Your role (${actor.role}) does not allow managing another team's notification channel`);
  return withTeam(tx, row);
}

const uuidOr404 = (id: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError("not_found", "No such notification channel");
};

export async function listChannels(actor: Actor): Promise<ChannelView[]> {
  const teams = visibleTeams(actor);
  const rows = await db().notificationChannel.findMany({ where: teams ? { teamId: { in: teams } } : {}, orderBy: { name: "asc" } });
  const ids = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const slugs = new Map((await db().team.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } })).map((t) => [t.id, t.slug]));
  return rows.map((r) => view(r, (r.teamId && slugs.get(r.teamId)) || null));
}

export async function getChannel(actor: Actor, id: string): Promise<ChannelView> {
  uuidOr404(id);
  const row = await loadChannel(db() as unknown as Tx, actor, id);
  return view(row, row.team?.slug ?? null);
}

export async function createChannel(actor: Actor, input: ChannelCreate): Promise<ChannelView & { secret: string | null }> {
  return db().$transaction(async (tx) => {
    const teamId = await teamIdOf(tx, input.team);
    authorize(actor, ACTION, { ownerTeamId: teamId });
    const secret = input.kind === "webhook" ? generateSecret() : null;
    const row = await withTeam(
      tx,
      await tx.notificationChannel.create({ data: { name: input.name, kind: input.kind, teamId, secretBox: secret ? encryptSecret(secret) : null, ...storedUrl(input.kind, input.url) } }),
    );
    const v = view(row, row.team?.slug ?? null);
    await recordAudit(tx, auditActor(actor), { action: "notification.channel.create", entityType: "notification_channel", entityId: row.id, after: v });
    return { ...v, secret };
  });
}

export async function updateChannel(actor: Actor, id: string, input: ChannelUpdate): Promise<ChannelView & { secret?: string }> {
  uuidOr404(id);
  return db().$transaction(async (tx) => {
    const row = await loadChannel(tx, actor, id, true);
    const before = view(row, row.team?.slug ?? null);
    const teamId = input.team === undefined ? row.teamId : await teamIdOf(tx, input.team);
    authorize(actor, ACTION, { ownerTeamId: teamId });
    if (input.rotateSecret && row.kind !== "webhook") throw new AppError("validation_failed", "Only webhook channels sign with a secret", [{ path: "rotateSecret", message: "Not a webhook channel" }]);
    const secret = input.rotateSecret ? generateSecret() : undefined;
    const updated = await withTeam(
      tx,
      await tx.notificationChannel.update({
        where: { id },
        data: { name: input.name, teamId, ...(input.url ? storedUrl(row.kind as ChannelKind, input.url) : {}), ...(secret ? { secretBox: encryptSecret(secret) } : {}) },
      }),
    );
    const after = view(updated, updated.team?.slug ?? null);
    await recordAudit(tx, auditActor(actor), { action: "notification.channel.update", entityType: "notification_channel", entityId: id, before, after: { ...after, secretRotated: Boolean(secret) } });
    return secret ? { ...after, secret } : after;
  });
}

export async function deleteChannel(actor: Actor, id: string): Promise<void> {
  uuidOr404(id);
  await db().$transaction(async (tx) => {
    const row = await loadChannel(tx, actor, id, true);
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, auditActor(actor), { action: "notification.channel.delete", entityType: "notification_channel", entityId: id, before: view(row, row.team?.slug ?? null) });
  });
}

/** Sends a test event to the channel now and answers the outcome: the one send made on a request path. */
export async function testChannel(actor: Actor, id: string): Promise<{ event: NotificationEvent; outcome: AttemptOutcome }> {
  uuidOr404(id);
  const row = await loadChannel(db() as unknown as Tx, actor, id);
  const config = deliveryConfig();
  const now = new Date();
  const event: NotificationEvent = {
    id: `test:${row.id}:${now.toISOString()}`,
    type: "test",
    state: null,
    severity: "info",
    occurredAt: now.toISOString(),
    summary: `Test notification from Edgewise to ${row.name}, sent by ${auditActor(actor).label}`,
    link: `${config.appUrl}/settings/notifications`,
    integration: null,
    team: row.team?.slug ?? null,
    decision: null,
    data: { channel: row.name },
  };
  const outcome = await config.send(targetOf(row.kind as ChannelKind, row.url, row.secretBox), event, {
    timeoutMs: config.timeoutMs,
    appUrl: config.appUrl,
  });
  return { event, outcome };
}

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────

export interface RuleView {
  id: string;
  name: string;
  events: string[];
  filters: RuleFilters;
  channelId: string;
  channel: string;
  muted: boolean;
  createdAt: string;
  updatedAt: string;
}

const ruleInclude = { channel: { select: { name: true, teamId: true } } } as const;
type RuleRow = { id: string; name: string; events: string[]; filters: unknown; channelId: string; muted: boolean; createdAt: Date; updatedAt: Date; channel: { name: string } };
const ruleView = (r: RuleRow): RuleView => ({
  id: r.id,
  name: r.name,
  events: r.events,
  filters: r.filters as RuleFilters,
  channelId: r.channelId,
  channel: r.channel.name,
  muted: r.muted,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listRules(actor: Actor): Promise<RuleView[]> {
  const teams = visibleTeams(actor);
  const rows = await db().notificationRule.findMany({ where: teams ? { channel: { teamId: { in: teams } } } : {}, include: ruleInclude, orderBy: { name: "asc" } });
  return rows.map(ruleView);
}

async function loadRule(tx: Tx, actor: Actor, id: string) {
  const teams = visibleTeams(actor);
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await tx.notificationRule.findUnique({ where: { id }, include: ruleInclude }) : null;
  if (!row) throw new AppError("not_found", "No such notification rule");
  if (teams && (!row.channel.teamId || !teams.includes(row.channel.teamId))) throw new AppError("forbidden", `Your role (${actor.role}) does not allow managing another team's notification rule`);
  return row;
}

/** The rule's channel must be one the actor manages; an unknown one is a validation error, not a 404 of the rule. */
async function ruleChannel(tx: Tx, actor: Actor, channelId: string) {
  try {
    return await loadChannel(tx, actor, channelId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("validation_failed", "No such channel", [{ path: "channelId", message: "Unknown channel" }]);
    throw err;
  }
}

export async function createRule(actor: Actor, input: RuleCreate): Promise<RuleView> {
  return db().$transaction(async (tx) => {
    await ruleChannel(tx, actor, input.channelId);
    const row = await tx.notificationRule.create({
      data: { name: input.name, events: input.events, filters: input.filters, channelId: input.channelId, muted: input.muted },
      include: ruleInclude,
    });
    const v = ruleView(row);
    await recordAudit(tx, auditActor(actor), { action: "notification.rule.create", entityType: "notification_rule", entityId: row.id, after: v });
    return v;
  });
}

export async function updateRule(actor: Actor, id: string, input: RuleUpdate): Promise<RuleView> {
  return db().$transaction(async (tx) => {
    const before = ruleView(await loadRule(tx, actor, id));
    if (input.channelId) await ruleChannel(tx, actor, input.channelId);
    const row = await tx.notificationRule.update({
      where: { id },
      data: { name: input.name, events: input.events, filters: input.filters, channelId: input.channelId, muted: input.muted },
      include: ruleInclude,
    });
    const after = ruleView(row);
    await recordAudit(tx, auditActor(actor), { action: "notification.rule.update", entityType: "notification_rule", entityId: id, before, after });
    return after;
  });
}

export async function deleteRule(actor: Actor, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = ruleView(await loadRule(tx, actor, id));
    await tx.notificationRule.delete({ where: { id } });
    await recordAudit(tx, auditActor(actor), { action: "notification.rule.delete", entityType: "notification_rule", entityId: id, before });
  });
}
