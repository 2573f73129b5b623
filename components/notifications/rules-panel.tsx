"use client";
// Rules: which events (by type, team, integration and minimum severity) go to which channel; muting
// a rule stops new deliveries without losing its settings.
import type { FormEvent } from "react";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { EVENT_SEVERITIES, EVENT_TYPES } from "@/lib/notifications/types";
import { EVENT_TITLES } from "@/lib/notifications/senders/describe";
import { TeamSelect } from "./team-select";
import { api, useChannels, useNotificationMutation, useRules } from "./queries";

const RULE_EVENTS = EVENT_TYPES.filter((t) => t !== "test");
const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function RulesPanel() {
  const rules = useRules();
  const channels = useChannels();
  const create = useNotificationMutation(api.createRule);
  const update = useNotificationMutation(api.updateRule);
  const remove = useNotificationMutation(api.deleteRule);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const team = String(data.get("team") ?? "");
    const integrations = list(data.get("integrations"));
    const minSeverity = String(data.get("minSeverity") ?? "");
    const filters = { ...(team ? { teams: [team] } : {}), ...(integrations.length ? { integrations } : {}), ...(minSeverity ? { minSeverity } : {}) };
    const created = await create.mutateAsync({ name: data.get("name"), events: data.getAll("events"), channelId: data.get("channelId"), filters }).catch(() => null);
    if (created) form.reset();
  }

  const noChannels = channels.data?.length === 0;
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <form className="card" onSubmit={onSubmit} aria-label="Add rule">
        <div className="form-grid">
          <label>
            Name
            <input name="name" required maxLength={100} placeholder="payments pages" />
          </label>
          <label>
            Channel
            <select name="channelId" required disabled={noChannels}>
              {channels.data?.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
            {noChannels && <span className="field-hint">Add a channel first</span>}
          </label>
          <TeamSelect anyLabel="Any team" />
          <label>
            Integrations
            <input name="integrations" placeholder="any (or keys, comma-separated)" />
          </label>
          <label>
            At least
            <select name="minSeverity" defaultValue="">
              <option value="">any severity</option>
              {EVENT_SEVERITIES.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="checks" style={{ border: 0, padding: 0, margin: ".75rem 0" }}>
          <legend className="muted" style={{ marginBottom: ".3rem" }}>Events</legend>
          {RULE_EVENTS.map((t) => (
            <label key={t}>
              <input type="checkbox" name="events" value={t} /> {EVENT_TITLES[t]}
            </label>
          ))}
        </fieldset>
        <button className="btn btn-primary" disabled={create.isPending || noChannels}>{create.isPending ? "Adding…" : "Add rule"}</button>
        {create.error && <ErrorNotice error={create.error} />}
      </form>
      {rules.isPending ? (
        <LoadingRows />
      ) : rules.error ? (
        <ErrorNotice error={rules.error} />
      ) : rules.data.length === 0 ? (
        <div className="card empty">
          <h2>No rules yet</h2>
          <p>Without a rule no event is sent. Add one above: for example SLO alerts of your team to your on-call channel.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th>Rule</th><th>Events</th><th>Filters</th><th>Channel</th><th /></tr>
            </thead>
            <tbody>
              {rules.data.map((r) => (
                <tr key={r.id} data-testid={`rule-${r.name}`}>
                  <td><strong>{r.name}</strong>{r.muted && <span className="badge" style={{ marginLeft: 6 }}>muted</span>}</td>
                  <td>{r.events.map((e) => EVENT_TITLES[e as keyof typeof EVENT_TITLES] ?? e).join(", ")}</td>
                  <td className="muted">
                    {[r.filters.teams?.join(", "), r.filters.integrations?.join(", "), r.filters.minSeverity && `≥ ${r.filters.minSeverity}`].filter(Boolean).join(" · ") || "everything"}
                  </td>
                  <td>{r.channel}</td>
                  <td>
                    <button className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ id: r.id, muted: !r.muted })}>{r.muted ? "Unmute" : "Mute"}</button>{" "}
                    <button className="btn btn-sm btn-danger" disabled={remove.isPending} onClick={() => confirm(`Delete rule ${r.name}?`) && remove.mutate(r.id)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(update.error || remove.error) && <ErrorNotice error={update.error ?? remove.error} />}
    </section>
  );
}
