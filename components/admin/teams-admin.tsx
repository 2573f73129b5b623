"use client";
// Admin: create teams, rename them, manage members, delete empty ones.
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { adminKeys, useAdminMutation, useTeams, type TeamRow } from "./queries";

function TeamCard({ team }: { team: TeamRow }) {
  const [members, setMembers] = useState((team.members ?? []).join(", "));
  const update = useAdminMutation((body: unknown) => fetchJson<TeamRow>(`/api/teams/${team.slug}`, { method: "PATCH", body }), [adminKeys.teams, adminKeys.users]);
  const remove = useAdminMutation(() => fetchJson<void>(`/api/teams/${team.slug}`, { method: "DELETE" }), [adminKeys.teams]);
  const emails = members.split(/[\s,]+/).filter(Boolean);
  return (
    <div className="card" data-testid={`team-${team.slug}`}>
      <div className="row">
        <strong>{team.name}</strong>
        <span className="muted mono">{team.slug}</span>
        <span className="spacer" />
        <span className="muted">{team.serviceCount ?? 0} services</span>
        <button className="btn btn-sm btn-danger" disabled={remove.isPending} onClick={() => confirm(`Delete team ${team.name}?`) && remove.mutate(undefined)}>
          Delete
        </button>
      </div>
      <label style={{ marginTop: ".75rem" }}>
        Members (emails)
        <textarea rows={2} value={members} onChange={(e) => setMembers(e.target.value)} />
      </label>
      <div className="row" style={{ marginTop: ".5rem" }}>
        <button className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ members: emails })}>
          Save members
        </button>
        {update.isSuccess && <span className="muted" role="status">Saved</span>}
      </div>
      {(update.error ?? remove.error) && <ErrorNotice error={update.error ?? remove.error} />}
    </div>
  );
}

export function TeamsAdmin() {
  const teams = useTeams();
  const create = useAdminMutation((body: unknown) => fetchJson<TeamRow>("/api/teams", { method: "POST", body }), [adminKeys.teams]);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const ok = await create.mutateAsync({ slug: data.get("slug"), name: data.get("name") }).catch(() => null);
    if (ok) form.reset();
  }
  return (
    <>
      <form className="card" onSubmit={onSubmit} aria-label="Create team">
        <h2 style={{ marginTop: 0 }}>Create a team</h2>
        <div className="form-grid">
          <label>
            Name
            <input name="name" required />
          </label>
          <label>
            Slug
            <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="checkout-team" />
          </label>
          <button className="btn btn-primary" disabled={create.isPending}>Create team</button>
        </div>
        {create.error && <ErrorNotice error={create.error} />}
      </form>
      <h2>Teams</h2>
      {teams.isPending ? <LoadingRows /> : teams.error ? <ErrorNotice error={teams.error} /> : teams.data.length === 0 ? (
        <div className="card empty"><h2>No teams yet</h2><p>Create the first team above; services need an owning team.</p></div>
      ) : (
        teams.data.map((t) => <TeamCard key={t.slug} team={t} />)
      )}
    </>
  );
}
