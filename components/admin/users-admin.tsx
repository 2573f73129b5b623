"use client";
// Admin: create users, change roles, team membership, disable.
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";
import { adminKeys, useAdminMutation, useTeams, useUsers, type UserRow } from "./queries";

const ROLES = ["viewer", "member", "architect", "admin"] as const;

function CreateUserForm() {
  const teams = useTeams();
  const create = useAdminMutation((body: unknown) => fetchJson<UserRow>("/api/users", { method: "POST", body }), [adminKeys.users, adminKeys.teams]);
  const [created, setCreated] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const user = await create
      .mutateAsync({
        email: data.get("email"),
        name: data.get("name"),
        role: data.get("role"),
        password: data.get("password"),
        teams: data.getAll("teams"),
      })
      .catch(() => null);
    if (user) {
      setCreated(user.email);
      form.reset();
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-label="Create user">
      <h2 style={{ marginTop: 0 }}>Create a user</h2>
      <div className="form-grid">
        <label>
          Email
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Role
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Initial password
          <input name="password" type="password" minLength={10} required autoComplete="new-password" />
          <span className="field-hint">At least 10 characters</span>
        </label>
      </div>
      <fieldset className="checks" style={{ border: 0, padding: 0, margin: ".75rem 0" }}>
        <legend className="muted" style={{ marginBottom: ".3rem" }}>Teams</legend>
        {teams.data?.map((t) => (
          <label key={t.slug}>
            <input type="checkbox" name="teams" value={t.slug} /> {t.name}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </button>
        {created && !create.error && <span className="muted" role="status">Created {created}</span>}
      </div>
      {create.error && <ErrorNotice error={create.error} />}
    </form>
  );
}

function UserRowView({ user }: { user: UserRow }) {
  const update = useAdminMutation((body: unknown) => fetchJson<UserRow>(`/api/users/${user.id}`, { method: "PATCH", body }), [adminKeys.users, adminKeys.teams]);
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>
        <strong>{user.name}</strong>
        <div className="muted">{user.email}{user.sso ? " · SSO" : ""}</div>
        {update.error && <div className="field-error">{update.error.message}</div>}
      </td>
      <td>
        <select aria-label={`Role of ${user.email}`} value={user.role} disabled={update.isPending} onChange={(e) => update.mutate({ role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td>{user.teams.length ? user.teams.join(", ") : <span className="muted">none</span>}</td>
      <td>
        <button className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ disabled: !user.disabled })}>
          {user.disabled ? "Enable" : "Disable"}
        </button>
      </td>
    </tr>
  );
}

export function UsersAdmin() {
  const users = useUsers();
  return (
    <>
      <CreateUserForm />
      <h2>All users</h2>
      {users.isPending ? (
        <LoadingRows />
      ) : users.error ? (
        <ErrorNotice error={users.error} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Teams</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRowView key={u.id} user={u} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
