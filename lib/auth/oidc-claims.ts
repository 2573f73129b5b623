// OIDC claims (pure): the ID token's claims merged with userinfo's, and the teams claim read as
// team slugs and turned into the memberships to add and remove at a sign-in.

export type Claims = Record<string, unknown>;

/**
 * The user's claims: the ID token's, completed by the userinfo endpoint's (where a spec-conforming
 * provider puts scope claims such as email and groups for the code flow). Userinfo about another
 * subject is refused (OpenID Connect Core 5.3.2).
 */
export function mergeClaims(idToken: Claims, userinfo: Claims | null): Claims {
  if (!userinfo) return idToken;
  if (userinfo.sub !== idToken.sub) throw new Error("userinfo is about another subject than the ID token");
  return { ...userinfo, ...idToken };
}

export interface TeamsClaim {
  /** Whether the claim was in the token at all (an absent claim is told apart from an empty one in the log). */
  present: boolean;
  /** Trimmed, lower-cased, de-duplicated, sorted: what is matched against team slugs. */
  slugs: string[];
  /** Values that were not strings (numbers, objects) and were skipped. */
  skipped: number;
}

/** Reads a teams claim given as an array of strings or as one string. */
export function teamsFromClaim(claims: Claims, claimName: string): TeamsClaim {
  const raw = claims[claimName];
  if (raw === undefined || raw === null) return { present: false, slugs: [], skipped: 0 };
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  const strings = values.filter((v): v is string => typeof v === "string");
  const slugs = [...new Set(strings.map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0))].sort();
  return { present: true, slugs, skipped: values.length - strings.length };
}

export interface MembershipPlan {
  add: string[];
  remove: string[];
  /** Claimed slugs that name no team: ignored (teams are created by admins, never by a claim). */
  unknown: string[];
}

/**
 * The claim is the source of truth for the user's memberships: after the sign-in they are exactly
 * the claimed teams that exist. `current` and `existing` are team slugs.
 */
export function planMemberships(current: readonly string[], claimed: readonly string[], existing: readonly string[]): MembershipPlan {
  const known = new Set(existing);
  const wanted = new Set(claimed.filter((s) => known.has(s)));
  const have = new Set(current);
  return {
    add: [...wanted].filter((s) => !have.has(s)).sort(),
    remove: [...have].filter((s) => !wanted.has(s)).sort(),
    unknown: claimed.filter((s) => !known.has(s)).sort(),
  };
}
