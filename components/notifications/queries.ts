"use client";
// Query keys and hooks for Settings → Notifications: channels, rules, the delivery log and dead letters.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ChannelView, RuleView } from "@/lib/notifications/channels";
import type { DeliveryView } from "@/lib/notifications/deliveries";
import type { DELIVERY_STATES } from "@/lib/notifications/schema";
import type { AttemptOutcome } from "@/lib/notifications/types";

// The API's own shapes (type-only imports: nothing of the server modules reaches the browser).
export type ChannelRow = ChannelView;
export type RuleRow = RuleView;
export type DeliveryRow = DeliveryView;
export interface DeliveryFilter {
  channel?: string;
  state?: (typeof DELIVERY_STATES)[number];
}
interface List<T> {
  items: T[];
  nextCursor?: string | null;
}

const API = "/api/notifications";

export const notificationKeys = {
  all: ["notifications"] as const,
  channels: ["notifications", "channels"] as const,
  rules: ["notifications", "rules"] as const,
  deliveries: (filter: DeliveryFilter) => ["notifications", "deliveries", filter] as const,
};

// The delivery log and channel health change while the worker runs: refresh them every few seconds.
const LIVE_MS = 5000;

export const useChannels = () =>
  useQuery({ queryKey: notificationKeys.channels, queryFn: () => fetchJson<List<ChannelRow>>(`${API}/channels`).then((r) => r.items), refetchInterval: LIVE_MS });
export const useRules = () => useQuery({ queryKey: notificationKeys.rules, queryFn: () => fetchJson<List<RuleRow>>(`${API}/rules`).then((r) => r.items) });
export function useDeliveries(filter: DeliveryFilter) {
  const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  return useQuery({
    queryKey: notificationKeys.deliveries(filter),
    queryFn: () => fetchJson<List<DeliveryRow>>(`${API}/deliveries${params.size ? `?${params}` : ""}`),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

/** A mutation that refreshes everything under notifications when it succeeds (health, log and dead letters move together). */
export function useNotificationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }) });
}

export const api = {
  createChannel: (body: unknown) => fetchJson<ChannelRow & { secret: string | null }>(`${API}/channels`, { method: "POST", body }),
  deleteChannel: (id: string) => fetchJson<void>(`${API}/channels/${id}`, { method: "DELETE" }),
  testChannel: (id: string) => fetchJson<{ outcome: AttemptOutcome }>(`${API}/channels/${id}/test`, { method: "POST" }),
  createRule: (body: unknown) => fetchJson<RuleRow>(`${API}/rules`, { method: "POST", body }),
  updateRule: ({ id, ...body }: { id: string; muted: boolean }) => fetchJson<RuleRow>(`${API}/rules/${id}`, { method: "PATCH", body }),
  deleteRule: (id: string) => fetchJson<void>(`${API}/rules/${id}`, { method: "DELETE" }),
  replay: (id: string) => fetchJson<{ id: string }>(`${API}/deliveries/${id}/replay`, { method: "POST" }),
  replayAll: (channelId?: string) => fetchJson<{ replayed: number }>(`${API}/dead-letters/replay`, { method: "POST", body: channelId ? { channelId } : {} }),
};

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");
