"use client";
// The time zone every chart axis, tooltip and "last data at" is written in: the signed-in user's
// choice (kept on their user, so it follows them to another browser), UTC or the browser's own zone.
import { createContext, useCallback, useContext, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { formatInZone, isKnownZone, UTC_ZONE } from "@/lib/format/time";
import type { Preferences, TimeZoneChoice } from "@/lib/preferences/schema";

export interface TimeZoneState {
  choice: TimeZoneChoice;
  /** The IANA zone to write times in: "UTC", or the browser's (UTC while rendered on the server). */
  zone: string;
  browserZone: string;
  /** Saves the choice on the user; the screen follows at once, and goes back if the save fails. */
  choose: (choice: TimeZoneChoice) => Promise<void>;
  saving: boolean;
  error: string | null;
  /** An instant in full in the chosen zone. */
  full: (at: string | number, options?: { seconds?: boolean }) => string;
}

const noSubscription = () => () => {};
const readBrowserZone = () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownZone(zone) ? zone : UTC_ZONE;
};

/** Outside a provider (tests, public pages): UTC, fixed. */
const fallback: TimeZoneState = { choice: "utc", zone: UTC_ZONE, browserZone: UTC_ZONE, choose: async () => {}, saving: false, error: null, full: (at, o) => formatInZone(at, UTC_ZONE, o) };
const Context = createContext<TimeZoneState>(fallback);

export function TimeZoneProvider({ initial, children }: { initial: TimeZoneChoice; children: ReactNode }) {
  const [choice, setChoice] = useState<TimeZoneChoice>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The server cannot know the browser's zone: it renders UTC, and the browser re-renders in its own.
  const browserZone = useSyncExternalStore(noSubscription, readBrowserZone, () => UTC_ZONE);
  // Only the latest choice's answer counts: a quicker second choice is not undone by the first's reply.
  const latest = useRef(0);
  const confirmed = useRef<TimeZoneChoice>(initial);
  const choose = useCallback(async (next: TimeZoneChoice) => {
    const seq = ++latest.current;
    setChoice(next);
    setSaving(true);
    setError(null);
    try {
      const saved = await fetchJson<Preferences>("/api/me/preferences", { method: "PATCH", body: { timeZone: next } });
      confirmed.current = saved.timeZone;
      if (seq === latest.current) setChoice(saved.timeZone);
    } catch (e) {
      if (seq === latest.current) {
        setChoice(confirmed.current);
        setError(`The time zone was not saved: ${(e as Error).message}`);
      }
    } finally {
      if (seq === latest.current) setSaving(false);
    }
  }, []);
  const value = useMemo<TimeZoneState>(() => {
    const zone = choice === "utc" ? UTC_ZONE : browserZone;
    return { choice, zone, browserZone, choose, saving, error, full: (at, o) => formatInZone(at, zone, o) };
  }, [choice, browserZone, choose, saving, error]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useTimeZone = () => useContext(Context);

/** The choice as a control: used in Settings and in the chart toolbar. It stays enabled while saving, so it keeps the keyboard's focus. */
export function TimeZoneSelect({ id = "time-zone" }: { id?: string }) {
  const tz = useTimeZone();
  return (
    <span className="row" style={{ gap: ".4rem" }}>
      <label htmlFor={id}>Time zone</label>
      <select id={id} data-testid="time-zone-select" value={tz.choice} aria-busy={tz.saving} onChange={(e) => void tz.choose(e.target.value as TimeZoneChoice)}>
        <option value="browser">Browser&apos;s ({tz.browserZone})</option>
        <option value="utc">UTC</option>
      </select>
      {tz.error && (
        <span className="field-error" role="alert">
          {tz.error}
        </span>
      )}
    </span>
  );
}

/** An instant in the reader's chosen zone, for server-rendered pages (UTC until the browser takes over). */
export function LocalTime({ at, seconds = false }: { at: string; seconds?: boolean }) {
  const tz = useTimeZone();
  return <time dateTime={at}>{tz.full(at, { seconds })}</time>;
}
