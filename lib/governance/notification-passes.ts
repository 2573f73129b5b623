// The scheduled passes that turn governance state into notification events: waivers about to
// expire (7 days and 1 day before) and findings opened or resolved since the last pass. Findings
// are computed on read, so the open ones are kept in finding_states and each pass diffs against
// them; the diff, the new states and the events are written in one transaction. Ids are
// deterministic, so a re-run (or a second server) records nothing twice.
import { plural } from "@/lib/format/plural";
import "server-only";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/notifications/app-url";
import { recordEvents } from "@/lib/notifications/outbox";
import type { EventSeverity, NotificationEvent } from "@/lib/notifications/types";
import { allFindings, type FindingView } from "./findings";
import type { Severity } from "./rule-types";

// Arbitrary constant: one findings pass at a time across server instances.
const FINDINGS_LOCK = 7_220_415_014;
const DAY_MS = 86_400_000;
/** Background passes wait for a connection on a busy server rather than fail (as the health refresh does). */
const PASS_TX = { timeout: 60_000, maxWait: 30_000 };
/** How long before expiry a waiver warns, and how loudly. */
export const WAIVER_NOTICES: { label: string; beforeMs: number; severity: EventSeverity }[] = [
  { label: "7d", beforeMs: 7 * DAY_MS, severity: "info" },
  { label: "1d", beforeMs: DAY_MS, severity: "warning" },
];
const SEVERITY: Record<Severity, EventSeverity> = { error: "critical", warning: "warning", info: "info" };

export async function waiverExpiryPass(now = new Date()): Promise<number> {
  const waivers = await db().waiver.findMany({
    where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + WAIVER_NOTICES[0]!.beforeMs) } },
    include: { integration: { select: { key: true, source: { select: { team: { select: { slug: true } } } } } } },
  });
  const base = appUrl();
  const events: NotificationEvent[] = [];
  for (const w of waivers) {
    const leftMs = w.expiresAt.getTime() - now.getTime();
    // Only the nearest notice due: a waiver granted with hours left says "1 day", not both.
    const notice = [...WAIVER_NOTICES].reverse().find((n) => leftMs <= n.beforeMs);
    if (!notice) continue;
    events.push({
      id: `waiver.expiring:${w.id}:${notice.label}`,
      type: "waiver.expiring",
      state: null,
      severity: notice.severity,
      occurredAt: now.toISOString(),
      summary: `The waiver of ${w.ruleId} for ${w.integration.key} expires ${w.expiresAt.toISOString().slice(0, 10)} (in ${plural(Math.max(1, Math.round(leftMs / DAY_MS)), "day")}); the finding comes back then`,
      link: `${base}/findings?integration=${encodeURIComponent(w.integration.key)}`,
      integration: w.integration.key,
      team: w.integration.source.team.slug,
      decision: w.decisionNumber,
      data: { rule: w.ruleId, waiverId: w.id, expiresAt: w.expiresAt.toISOString(), reason: w.reason, notice: notice.label },
    });
  }
  if (events.length === 0) return 0;
  return (await db().$transaction((tx) => recordEvents(tx, events), PASS_TX)).length;
}

const findingKey = (f: Pick<FindingView, "rule" | "integration" | "journey">) => `${f.rule}|${f.integration ?? ""}|${f.journey ?? ""}`;

export async function findingsPass(now = new Date()): Promise<{ ran: boolean; opened: number; resolved: number }> {
  const open = new Map((await allFindings(now)).filter((f) => !f.waived).map((f) => [findingKey(f), f]));
  const base = appUrl();
  return db().$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${FINDINGS_LOCK}) AS locked`;
    if (!lock?.locked) return { ran: false, opened: 0, resolved: 0 };
    const stored = await tx.findingState.findMany();
    const known = new Set(stored.map((s) => s.key));
    const link = (f: { integration: string | null; journey: string | null }) =>
      f.integration ? `${base}/catalog/${encodeURIComponent(f.integration)}` : f.journey ? `${base}/journeys/${encodeURIComponent(f.journey)}` : `${base}/findings`;
    const events: NotificationEvent[] = [];
    const opened = [...open].filter(([key]) => !known.has(key));
    const gone = stored.filter((s) => !open.has(s.key));
    for (const [key, f] of opened) {
      events.push({
        id: `finding.opened:${key}:${now.toISOString()}`,
        type: "finding.opened",
        state: "firing",
        severity: SEVERITY[f.severity],
        occurredAt: now.toISOString(),
        summary: `${f.title}${f.integration ? ` (${f.integration})` : f.journey ? ` (journey ${f.journey})` : ""}: ${f.message}`,
        link: link(f),
        integration: f.integration,
        team: f.team,
        decision: null,
        data: { rule: f.rule, severity: f.severity, journey: f.journey, message: f.message, remediation: f.remediation },
      });
    }
    for (const s of gone) {
      events.push({
        id: `finding.resolved:${s.key}:${s.openedAt.toISOString()}`,
        type: "finding.resolved",
        state: "resolved",
        severity: SEVERITY[s.severity as Severity] ?? "info",
        occurredAt: now.toISOString(),
        summary: `Resolved: ${s.rule}${s.integration ? ` on ${s.integration}` : s.journey ? ` on journey ${s.journey}` : ""} (open since ${s.openedAt.toISOString().slice(0, 10)})`,
        link: link(s),
        integration: s.integration,
        team: s.team,
        decision: null,
        data: { rule: s.rule, severity: s.severity, journey: s.journey, message: s.message, openedAt: s.openedAt.toISOString() },
      });
    }
    if (gone.length) await tx.findingState.deleteMany({ where: { key: { in: gone.map((s) => s.key) } } });
    if (opened.length) {
      await tx.findingState.createMany({
        data: opened.map(([key, f]) => ({ key, rule: f.rule, severity: f.severity, integration: f.integration, journey: f.journey, team: f.team, message: f.message, openedAt: now })),
      });
    }
    await recordEvents(tx, events);
    return { ran: true, opened: opened.length, resolved: gone.length };
  }, PASS_TX);
}
