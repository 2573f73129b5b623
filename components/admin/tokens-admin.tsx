"use client";
// Admin: create scoped API tokens (shown once), see when they were last used, revoke them.
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { adminKeys, useAdminMutation, useTokens, useUsers, type TokenRow } from "./queries";

const SCOPES = [
  { id: "catalog:read", hint: "read the catalog and charts" },
  { id: "catalog:write", hint: "create and change catalog entries (CI import)" },
  { id: "decisions:write", hint: "file and review decision records" },
  { id: "telemetry:write", hint: "send OTLP traces and metrics" },
  { id: "metrics:read", hint: "scrape /metrics with Prometheus" },
  { id: "admin", hint: "everything the owner's role allows" },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function TokensAdmin() {
  const tokens = useTokens();
  const users = useUsers();
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAdminMutation((body: unknown) => fetchJson<TokenRow & { token: string }>("/api/tokens", { method: "POST", body }), [adminKeys.tokens]);
  const revoke = useAdminMutation((id: string) => fetchJson<TokenRow>(`/api/tokens/${id}`, { method: "DELETE" }), [adminKeys.tokens]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const days = String(data.get("expiresInDays") ?? "");
    const created = await create
      .mutateAsync({ name: data.get("name"), userEmail: data.get("userEmail"), scopes: data.getAll("scopes"), expiresInDays: days ? Number(days) : null })
      .catch(() => null);
    if (created) {
      setSecret(created.token);
      form.reset();
    }
  }

  return (
    <>
      <form className="card" onSubmit={onSubmit} aria-label="Create token">
        <h2 style={{ marginTop: 0 }}>Create a token</h2>
        <div className="form-grid">
          <label>
            Name
            <input name="name" required placeholder="otel-collector-prod" />
          </label>
          <label>
            Owner
            <select name="userEmail" required>
              {users.data?.map((u) => (
                <option key={u.id} value={u.email}>{u.email} ({u.role})</option>
              ))}
            </select>
            <span className="field-hint">The owner&apos;s role caps what the token can do</span>
          </label>
          <label>
            Expires in (days)
            <input name="expiresInDays" type="number" min={1} max={3650} placeholder="never" />
          </label>
        </div>
        <fieldset className="checks" style={{ border: 0, padding: 0, margin: ".75rem 0" }}>
          <legend className="muted" style={{ marginBottom: ".3rem" }}>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s.id} title={s.hint}>
              <input type="checkbox" name="scopes" value={s.id} /> <code>{s.id}</code>
            </label>
          ))}
        </fieldset>
        <button className="btn btn-primary" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create token"}</button>
        {create.error && <ErrorNotice error={create.error} />}
      </form>
      {secret && (
        <div className="card notice-ok" role="status">
          <strong>Copy this token now — it will not be shown again.</strong>
          <div className="secret" style={{ marginTop: ".5rem" }}>
            <code data-testid="new-token">{secret}</code>
            <button className="btn btn-sm" onClick={() => void navigator.clipboard?.writeText(secret)}>Copy</button>
            <button className="btn btn-sm btn-ghost" onClick={() => setSecret(null)}>Done</button>
          </div>
        </div>
      )}
      <h2>Tokens</h2>
      {tokens.isPending ? <LoadingRows /> : tokens.error ? <ErrorNotice error={tokens.error} /> : tokens.data.length === 0 ? (
        <div className="card empty"><h2>No tokens yet</h2><p>Create one above for a CI job or an OpenTelemetry Collector.</p></div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th>Name</th><th>Owner</th><th>Scopes</th><th>Last used</th><th>Status</th></tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id} data-testid={`token-${t.name}`}>
                  <td><strong>{t.name}</strong><div className="muted mono">{t.prefix}…</div></td>
                  <td>{t.user.email}</td>
                  <td>{t.scopes.map((s) => <span key={s} className="badge" style={{ marginRight: 4 }}>{s}</span>)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="muted">revoked</span>
                    ) : (
                      <button className="btn btn-sm btn-danger" disabled={revoke.isPending} onClick={() => confirm(`Revoke ${t.name}?`) && revoke.mutate(t.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
