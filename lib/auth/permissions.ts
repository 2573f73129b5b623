// Who may do what: one pure function over role, team ownership and (for API tokens) scopes.
export const roles = ["viewer", "member", "architect", "admin"] as const;
export type Role = (typeof roles)[number];

export const scopes = ["catalog:read", "catalog:write", "decisions:write", "telemetry:write", "metrics:read", "admin"] as const;
export type Scope = (typeof scopes)[number];

export const actions = [
  "catalog:read",
  "catalog:write",
  "decision:write",
  "decision:review",
  "waiver:grant",
  "policy:edit",
  "telemetry:write",
  "metrics:read",
  "users:manage",
  "teams:manage",
  "tokens:manage",
  "settings:manage",
] as const;
export type Action = (typeof actions)[number];

export interface Subject {
  role: Role;
  /** Teams the user belongs to. */
  teamIds: readonly string[];
  /** Present for API tokens: the token may do no more than these scopes allow. */
  scopes?: readonly Scope[];
}

/** The resource being acted on, when ownership matters. */
export interface Resource {
  ownerTeamId?: string | null;
}

const roleRank: Record<Role, number> = { viewer: 0, member: 1, architect: 2, admin: 3 };

/** The least role an action needs, and whether a member is further limited to their teams' things. */
const rules: Record<Action, { minRole: Role; ownedByMember?: boolean; scope: Scope }> = {
  "catalog:read": { minRole: "viewer", scope: "catalog:read" },
  "catalog:write": { minRole: "member", ownedByMember: true, scope: "catalog:write" },
  "decision:write": { minRole: "member", scope: "decisions:write" },
  "decision:review": { minRole: "architect", scope: "decisions:write" },
  "waiver:grant": { minRole: "architect", scope: "catalog:write" },
  "policy:edit": { minRole: "architect", scope: "catalog:write" },
  "telemetry:write": { minRole: "member", scope: "telemetry:write" },
  "metrics:read": { minRole: "viewer", scope: "metrics:read" },
  "users:manage": { minRole: "admin", scope: "admin" },
  "teams:manage": { minRole: "admin", scope: "admin" },
  "tokens:manage": { minRole: "admin", scope: "admin" },
  "settings:manage": { minRole: "admin", scope: "admin" },
};

/** Scopes a token needs for an action: `admin` covers everything, `catalog:write` covers reading. */
export function scopeAllows(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes("admin") || granted.includes(needed)) return true;
  return needed === "catalog:read" && granted.includes("catalog:write");
}

export function can(subject: Subject, action: Action, resource?: Resource): boolean {
  if (!canSomewhere(subject, action)) return false;
  if (rules[action].ownedByMember && subject.role === "member") {
    const owner = resource?.ownerTeamId;
    return owner != null && subject.teamIds.includes(owner);
  }
  return true;
}

/**
 * Whether the action is allowed on at least something (ownership not yet known): lets the API refuse
 * with 403 before it validates a body the caller could never have been allowed to send.
 */
export function canSomewhere(subject: Subject, action: Action): boolean {
  const rule = rules[action];
  if (subject.scopes && !scopeAllows(subject.scopes, rule.scope)) return false;
  return roleRank[subject.role] >= roleRank[rule.minRole];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}
