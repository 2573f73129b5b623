"use client";
// Query keys and mutation hooks for decision records. Pages read on the server, so a successful
// write invalidates any cached decision data and refreshes the server-rendered page.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import type { DecisionInput } from "@/lib/decisions/schema";
import type { DecisionStatus, Verdict } from "@/lib/decisions/workflow";

/** The record as the API returns it after a create, update or transition (the fields the UI reads). */
export interface SavedDecision {
  number: number;
  label: string;
  status: DecisionStatus;
}

export const decisionKeys = {
  all: ["decisions"] as const,
  list: (query: Record<string, string>) => ["decisions", "list", query] as const,
  detail: (number: number) => ["decisions", "detail", number] as const,
  inbox: ["decisions", "inbox"] as const,
};

function useDecisionMutation<I, O>(fn: (input: I) => Promise<O>, refresh = true) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: decisionKeys.all });
      // The record page, its timeline and the navigation's inbox count are server-rendered.
      if (refresh) router.refresh();
    },
    onError: (err) => {
      // A 409 means the page was stale (someone else moved the record): show what is true now,
      // next to the server's explanation.
      if (refresh && err instanceof ApiError && err.status === 409) router.refresh();
    },
  });
}

export const useReview = (number: number) =>
  useDecisionMutation((body: { verdict: Verdict; comment: string }) => fetchJson<unknown>(`/api/decisions/${number}/reviews`, { method: "POST", body }));

export const useDecisionTransition = (number: number) =>
  useDecisionMutation((body: { to: DecisionStatus; comment: string; supersededBy?: number }) =>
    fetchJson<SavedDecision>(`/api/decisions/${number}/transitions`, { method: "POST", body }),
  );

/** Create (number null) or update; the form navigates to the record itself, so no refresh here. */
export const useSaveDecision = (number: number | null) =>
  useDecisionMutation(
    (body: DecisionInput) =>
      number === null
        ? fetchJson<SavedDecision>("/api/decisions", { method: "POST", body })
        : fetchJson<SavedDecision>(`/api/decisions/${number}`, { method: "PATCH", body }),
    false,
  );
