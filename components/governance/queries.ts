"use client";
// Query keys and hooks for governance data in the browser. Pages render first on the server; these
// hooks keep client-side views fresh and, after a write, refresh both the cache and the server render.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import type { JourneyView } from "@/lib/governance/journeys";
import type { PolicyView } from "@/lib/governance/policies";
import type { WaiverView } from "@/lib/governance/waivers";

interface List<T> {
  items: T[];
}

export const governanceKeys = {
  all: ["governance"] as const,
  journeys: ["governance", "journeys"] as const,
  journey: (slug: string) => ["governance", "journeys", slug] as const,
  findings: ["governance", "findings"] as const,
  waivers: ["governance", "waivers"] as const,
  policies: ["governance", "policies"] as const,
  scorecards: ["governance", "scorecards"] as const,
};

/** Policies change rarely and only through this UI, so a minute of staleness is harmless. */
export const usePolicies = (initialData: PolicyView[]) =>
  useQuery({
    queryKey: governanceKeys.policies,
    queryFn: () => fetchJson<List<PolicyView>>("/api/policies").then((r) => r.items),
    initialData,
    staleTime: 60_000,
  });

export const useActiveWaivers = (initialData: WaiverView[]) =>
  useQuery({
    queryKey: governanceKeys.waivers,
    queryFn: () => fetchJson<List<WaiverView>>("/api/waivers?state=active").then((r) => r.items),
    initialData,
    staleTime: 30_000,
  });

/**
 * A governance write: on success every governance query is invalidated (a waiver or a policy change
 * moves findings, scorecards and journeys alike) and the server-rendered page is refreshed.
 */
function useGovernanceMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: governanceKeys.all });
      router.refresh();
    },
  });
}

export interface WaiverInput {
  rule: string;
  integration: string;
  reason: string;
  expiresAt: string;
  decision?: number | null;
}

export const useGrantWaiver = () => useGovernanceMutation((body: WaiverInput) => fetchJson<WaiverView>("/api/waivers", { method: "POST", body }));

export interface BulkWaiverInput extends Omit<WaiverInput, "rule" | "integration"> {
  findings: { rule: string; integration: string }[];
}

/** Waives several findings citing one decision: all of them, or (on any refusal) none. */
export const useGrantWaivers = () => useGovernanceMutation((body: BulkWaiverInput) => fetchJson<List<WaiverView>>("/api/waivers/bulk", { method: "POST", body }));

export const useRevokeWaiver = () => useGovernanceMutation((id: string) => fetchJson<WaiverView>(`/api/waivers/${encodeURIComponent(id)}`, { method: "DELETE" }));

export const useUpdatePolicy = () =>
  useGovernanceMutation(({ rule, ...body }: { rule: string; enabled?: boolean; thresholds?: Record<string, number> }) =>
    fetchJson<PolicyView>(`/api/policies/${encodeURIComponent(rule)}`, { method: "PATCH", body }),
  );

export interface JourneyBody {
  slug: string;
  name: string;
  team: string;
  criticality: string;
  budgetP99Ms: number;
  description: string;
  steps: string[];
}

/** Creates the journey, or (with `existing`) changes it; the slug is fixed once created. */
export const useSaveJourney = (existing?: string) =>
  useGovernanceMutation((body: JourneyBody) => {
    if (!existing) return fetchJson<JourneyView>("/api/journeys", { method: "POST", body });
    const { slug: _slug, ...changes } = body; // the update schema is strict: the slug is the URL
    return fetchJson<JourneyView>(`/api/journeys/${encodeURIComponent(existing)}`, { method: "PATCH", body: changes });
  });

export const useDeleteJourney = () => useGovernanceMutation((slug: string) => fetchJson<void>(`/api/journeys/${encodeURIComponent(slug)}`, { method: "DELETE" }));

/** Field-level problems from a 422, as `{ path, message }` (the API's `details`). */
export function fieldErrors(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d: unknown) => {
    const x = d as { path?: unknown; message?: unknown };
    return typeof x.message === "string" ? [{ path: typeof x.path === "string" ? x.path : "", message: x.message }] : [];
  });
}
