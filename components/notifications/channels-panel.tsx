"use client";
// Channels: where events go, with their health (the breaker and the last success), a test send, and
// the signing secret of a new webhook channel shown once.
import { useState, type FormEvent } from "react";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { CHANNEL_KINDS, type AttemptOutcome } from "@/lib/notifications/types";
import styles from "./notifications.module.css";
import { TeamSelect } from "./team-select";
import { api, useChannels, useNotificationMutation, when, type ChannelRow } from "./queries";

const URL_HINTS: Record<string, string> = {
  webhook: "Receives signed JSON (try npm run demo:receiver → http://127.0.0.1:9099/)",
  slack: "A Slack incoming-webhook URL (https://hooks.slack.com/services/…)",
  alertmanager: "Alertmanager's base URL (http://alertmanager:9093)",
};

const BREAKER_CLASS: Record<string, string | undefined> = { closed: styles.closed, "half-open": styles.halfOpen, open: styles.open };

export function BreakerBadge({ breaker }: { breaker: ChannelRow["breaker"] }) {
  const label = breaker.state === "closed" ? "healthy" : breaker.state === "open" ? "breaker open" : "probing";
  return (
    <span className={`badge ${BREAKER_CLASS[breaker.state]}`} data-testid="breaker" title={`${breaker.consecutiveFailures} consecutive failures`}>
      {label}
    </span>
  );
}

function OutcomeLine({ outcome }: { outcome: AttemptOutcome }) {
  return (
    <div className={styles.outcome} role="status">
      {outcome.ok ? `✓ delivered (HTTP ${outcome.status}, ${outcome.durationMs} ms)` : `✗ ${outcome.error} (${outcome.durationMs} ms)${outcome.retry ? " — would be retried" : " — not retried"}`}
    </div>
  );
}

export function ChannelsPanel() {
  const channels = useChannels();
  const [kind, setKind] = useState<string>("webhook");
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [tested, setTested] = useState<Record<string, AttemptOutcome>>({});
  const create = useNotificationMutation(api.createChannel);
  const remove = useNotificationMutation(api.deleteChannel);
  const test = useNotificationMutation(async (id: string) => ({ id, ...(await api.testChannel(id)) }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const team = String(data.get("team") ?? "");
    const created = await create.mutateAsync({ name: data.get("name"), kind: data.get("kind"), url: data.get("url"), team: team || null }).catch(() => null);
    if (created) {
      if (created.secret) setSecret({ name: created.name, secret: created.secret });
      form.reset();
      setKind("webhook");
    }
  }

  async function runTest(id: string) {
    const result = await test.mutateAsync(id).catch(() => null);
    if (result) setTested((t) => ({ ...t, [id]: result.outcome }));
  }

  return (
    <section aria-labelledby="channels-heading">
      <h2 id="channels-heading">Channels</h2>
      <form className="card" onSubmit={onSubmit} aria-label="Add channel">
        <div className="form-grid">
          <label>
            Name
            <input name="name" required maxLength={100} placeholder="payments on-call" />
          </label>
          <label>
            Kind
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            URL
            <input name="url" type="url" required placeholder={kind === "alertmanager" ? "http://alertmanager:9093" : "https://…"} />
            <span className="field-hint">{URL_HINTS[kind]}</span>
          </label>
          <TeamSelect anyLabel="Estate-wide (admins and architects)" />
        </div>
        <button className="btn btn-primary" disabled={create.isPending} style={{ marginTop: ".75rem" }}>
          {create.isPending ? "Adding…" : "Add channel"}
        </button>
        {create.error && <ErrorNotice error={create.error} />}
      </form>
      {secret && (
        <div className="card notice-ok" role="status">
          <strong>Signing secret for {secret.name} — copy it now, it will not be shown again.</strong>
          <div className="secret" style={{ marginTop: ".5rem" }}>
            <code data-testid="channel-secret">{secret.secret}</code>
            <button className="btn btn-sm" onClick={() => void navigator.clipboard?.writeText(secret.secret)}>Copy</button>
            <button className="btn btn-sm btn-ghost" onClick={() => setSecret(null)}>Done</button>
          </div>
          <p className="muted">Verify X-Edgewise-Signature with it: npm run demo:receiver -- --secret {secret.secret}</p>
        </div>
      )}
      {channels.isPending ? (
        <LoadingRows />
      ) : channels.error ? (
        <ErrorNotice error={channels.error} />
      ) : channels.data.length === 0 ? (
        <div className="card empty">
          <h2>No channels yet</h2>
          <p>Add a webhook, Slack or Alertmanager channel above, then a rule that sends events to it.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th>Channel</th><th>Health</th><th>Last success</th><th>Last failure</th><th /></tr>
            </thead>
            <tbody>
              {channels.data.map((c) => (
                <tr key={c.id} data-testid={`channel-${c.name}`}>
                  <td>
                    <strong>{c.name}</strong> <span className="badge">{c.kind}</span>
                    {c.team && <span className="muted"> · {c.team}</span>}
                    <div className="muted mono">{c.url}</div>
                  </td>
                  <td>
                    <BreakerBadge breaker={c.breaker} />
                    {c.breaker.consecutiveFailures > 0 && <div className="muted">{c.breaker.consecutiveFailures} failures in a row</div>}
                  </td>
                  <td>{when(c.lastSuccessAt)}</td>
                  <td>
                    {when(c.lastFailureAt)}
                    {c.lastError && <div className="muted">{c.lastError}</div>}
                  </td>
                  <td>
                    <button className="btn btn-sm" disabled={test.isPending && test.variables === c.id} onClick={() => void runTest(c.id)}>
                      {test.isPending && test.variables === c.id ? "Sending…" : "Send test"}
                    </button>{" "}
                    <button className="btn btn-sm btn-danger" disabled={remove.isPending} onClick={() => confirm(`Delete ${c.name}, its rules and its delivery log?`) && remove.mutate(c.id)}>
                      Delete
                    </button>
                    {tested[c.id] && <OutcomeLine outcome={tested[c.id]!} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(test.error || remove.error) && <ErrorNotice error={test.error ?? remove.error} />}
    </section>
  );
}
