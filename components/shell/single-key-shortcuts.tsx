"use client";
// Whether j, k, g, ? and / act on their own (WCAG 2.1.4): the signed-in user's choice, kept on their
// user like the time zone. The provider sits above the shell, so the header's key listener and the
// Settings checkbox share one value.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { DEFAULT_SINGLE_KEY_SHORTCUTS, type Preferences } from "@/lib/preferences/schema";

export interface SingleKeyShortcutsState {
  enabled: boolean;
  /** Saves the choice on the user; the keys follow at once, and go back if the save fails. */
  choose: (enabled: boolean) => void;
  status: "idle" | "saving" | "saved" | "error";
  error: string | null;
}

/** Outside a provider (tests, public pages): on, as they always were. */
const fallback: SingleKeyShortcutsState = { enabled: DEFAULT_SINGLE_KEY_SHORTCUTS, choose: () => {}, status: "idle", error: null };
const Context = createContext<SingleKeyShortcutsState>(fallback);

export function SingleKeyShortcutsProvider({ initial, children }: { initial: boolean; children: ReactNode }) {
  const [enabled, setEnabled] = useState(initial);
  const [status, setStatus] = useState<SingleKeyShortcutsState["status"]>("idle");
  const [error, setError] = useState<string | null>(null);
  // Saves go one after another, so quick clicks reach the server in order; only the last one's
  // answer is shown, and a failure goes back to what the server last confirmed.
  const confirmed = useRef(initial);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(0);
  const choose = useCallback((next: boolean) => {
    const ticket = ++latest.current;
    setEnabled(next);
    setStatus("saving");
    setError(null);
    queue.current = queue.current.then(async () => {
      try {
        const saved = await fetchJson<Preferences>("/api/me/preferences", { method: "PATCH", body: { singleKeyShortcuts: next } });
        confirmed.current = saved.singleKeyShortcuts;
        if (ticket !== latest.current) return;
        setEnabled(saved.singleKeyShortcuts);
        setStatus("saved");
      } catch (e) {
        if (ticket !== latest.current) return;
        setEnabled(confirmed.current);
        setStatus("error");
        setError(`Single-key shortcuts were not ${next ? "turned on" : "turned off"}: ${(e as Error).message}`);
      }
    });
  }, []);
  const value = useMemo<SingleKeyShortcutsState>(() => ({ enabled, choose, status, error }), [enabled, choose, status, error]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useSingleKeyShortcuts = () => useContext(Context);

/** The choice as a checkbox, for Settings. It stays enabled while saving, so focus never leaves it. */
export function SingleKeyShortcutsToggle({ id = "single-key-shortcuts" }: { id?: string }) {
  const keys = useSingleKeyShortcuts();
  return (
    <span className="row" style={{ gap: ".4rem" }}>
      <input id={id} type="checkbox" data-testid="single-key-shortcuts" checked={keys.enabled} onChange={(e) => keys.choose(e.target.checked)} aria-describedby={`${id}-help ${id}-status`} />
      <label htmlFor={id}>Single-key shortcuts (j, k, g, ?, /)</label>
      <span id={`${id}-status`} className="muted" role="status" data-testid="single-key-shortcuts-status">
        {keys.status === "saving" ? "Saving…" : keys.status === "saved" ? "Saved" : ""}
      </span>
      {keys.error && (
        <span className="field-error" role="alert">
          {keys.error}
        </span>
      )}
    </span>
  );
}
