"use client";
// Query keys and hooks for the admin pages (users, teams, tokens).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";

export interface UserRow { id: string; email: string; name: string; role: string; teams: string[]; disabled: boolean; sso: boolean }
export interface TeamRow { slug: string; name: string; members?: string[]; serviceCount?: number }
export interface TokenRow { id: string; name: string; prefix: string; scopes: string[]; user: { email: string }; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null }
interface List<T> { items: T[] }

export const adminKeys = {
  users: ["admin", "users"] as const,
  teams: ["admin", "teams"] as const,
  tokens: ["admin", "tokens"] as const,
};

export const useUsers = () => useQuery({ queryKey: adminKeys.users, queryFn: () => fetchJson<List<UserRow>>("/api/users").then((r) => r.items) });
export const useTeams = () => useQuery({ queryKey: adminKeys.teams, queryFn: () => fetchJson<List<TeamRow>>("/api/teams").then((r) => r.items) });
export const useTokens = () => useQuery({ queryKey: adminKeys.tokens, queryFn: () => fetchJson<List<TokenRow>>("/api/tokens").then((r) => r.items) });

/** A mutation that refreshes the given lists when it succeeds. */
export function useAdminMutation<I, O>(fn: (input: I) => Promise<O>, invalidate: readonly (readonly string[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
