"use client";
// The delivery log (every attempt: time, status or error, duration), filterable by channel and state,
// and the dead letters — deliveries whose attempts ran out or were refused for good — with Replay.
import { plural } from "@/lib/format/plural";
import { useState } from "react";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { DELIVERY_STATES } from "@/lib/notifications/schema";
import { EVENT_TITLES } from "@/lib/notifications/senders/describe";
import styles from "./notifications.module.css";
import { api, useChannels, useDeliveries, useNotificationMutation, when, type DeliveryFilter, type DeliveryRow } from "./queries";

const STATES = DELIVERY_STATES;

function DeliveryTable({ rows, replay }: { rows: DeliveryRow[]; replay?: (id: string) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr><th>Event</th><th>Channel</th><th>State</th><th>Attempts</th>{replay && <th />}</tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-testid="delivery" data-state={d.state}>
              <td>
                <strong>{EVENT_TITLES[d.event.type as keyof typeof EVENT_TITLES] ?? d.event.type}</strong>
                {d.event.state && <span className="badge" style={{ marginLeft: 6 }}>{d.event.state}</span>}
                <div><a href={d.event.link}>{d.event.summary}</a></div>
                <div className="muted">{when(d.event.occurredAt)}</div>
              </td>
              <td>{d.channel.name}</td>
              <td>
                <span className={styles[d.state]}>{d.state}</span>
                {d.nextAttemptAt && <div className="muted">next try {when(d.nextAttemptAt)}</div>}
                {d.deliveredAt && <div className="muted">{when(d.deliveredAt)}</div>}
              </td>
              <td>
                {d.attemptLog.length === 0 ? (
                  <span className="muted">none yet</span>
                ) : (
                  <ol className={styles.attempts}>
                    {d.attemptLog.map((a, i) => (
                      <li key={i} data-testid="attempt">
                        {new Date(a.at).toLocaleTimeString()} · {a.ok ? `HTTP ${a.status}` : (a.error ?? `HTTP ${a.status}`)} · {a.durationMs} ms
                      </li>
                    ))}
                  </ol>
                )}
              </td>
              {replay && (
                <td>
                  <button className="btn btn-sm" onClick={() => replay(d.id)}>Replay</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DeadLettersPanel() {
  const dead = useDeliveries({ state: "dead" });
  const replay = useNotificationMutation(api.replay);
  const replayAll = useNotificationMutation(() => api.replayAll());
  const rows = dead.data?.items ?? [];
  return (
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">
        Dead letters {rows.length > 0 && <span className="badge">{rows.length}{dead.data?.nextCursor ? "+" : ""}</span>}
      </h2>
      {dead.isPending ? (
        <LoadingRows rows={2} />
      ) : dead.error ? (
        <ErrorNotice error={dead.error} />
      ) : rows.length === 0 ? (
        <div className="card empty">
          <h2>No dead letters</h2>
          <p>Deliveries that run out of attempts, or that a receiver refuses for good (a 4xx), wait here to be replayed.</p>
        </div>
      ) : (
        <>
          <p>
            <button className="btn btn-primary" disabled={replayAll.isPending} onClick={() => replayAll.mutate(undefined)}>
              {replayAll.isPending ? "Replaying…" : "Replay all"}
            </button>{" "}
            <span className="muted">Fix the receiver first; a replay gets a fresh set of attempts and the same Idempotency-Key.</span>
          </p>
          <DeliveryTable rows={rows} replay={(id) => replay.mutate(id)} />
        </>
      )}
      {replayAll.data && <p role="status">Replayed {plural(replayAll.data.replayed, "dead letter")}.</p>}
      {(replay.error || replayAll.error) && <ErrorNotice error={replay.error ?? replayAll.error} />}
    </section>
  );
}

export function DeliveryLogPanel() {
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const channels = useChannels();
  const log = useDeliveries(filter);
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Delivery log</h2>
      <div className={styles.filters}>
        <label>
          Channel
          <select aria-label="Filter by channel" value={filter.channel ?? ""} onChange={(e) => setFilter((f) => ({ ...f, channel: e.target.value || undefined }))}>
            <option value="">All channels</option>
            {channels.data?.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <label>
          State
          <select aria-label="Filter by state" value={filter.state ?? ""} onChange={(e) => setFilter((f) => ({ ...f, state: (e.target.value || undefined) as DeliveryFilter["state"] }))}>
            <option value="">Any state</option>
            {STATES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {log.isPending ? (
        <LoadingRows />
      ) : log.error ? (
        <ErrorNotice error={log.error} />
      ) : log.data.items.length === 0 ? (
        <div className="card empty">
          <h2>{filter.channel || filter.state ? "No deliveries match" : "Nothing delivered yet"}</h2>
          <p>{filter.channel || filter.state ? "Clear the filters to see every delivery." : "Events appear here once a rule sends them to a channel — use Send test on a channel to try it now."}</p>
        </div>
      ) : (
        <DeliveryTable rows={log.data.items} />
      )}
    </section>
  );
}
