"use client";
// The app's keyboard layer, in the header: the palette's button, the one document key listener
// (./keyboard.ts decides what a key means, given the user's single-key preference), the palette and
// the shortcuts help.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CommandPalette } from "./command-palette";
import { goShortcuts, interpretKey, nextRow, type Pending } from "./keyboard";
import { NAV_ITEMS } from "./nav-items";
import css from "./palette.module.css";
import { ShortcutsHelp } from "./shortcuts-help";
import { useSingleKeyShortcuts } from "./single-key-shortcuts";

const GO = goShortcuts(NAV_ITEMS);
/** Rows j/k walk through: lists mark theirs (catalog, findings, decisions, …); `data-kb-open` names the link Enter follows. */
const ROW = "[data-kb-row]";
const NOT_TYPING = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLInputElement) return !NOT_TYPING.has(el.type);
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el.isContentEditable;
}

function moveRow(delta: 1 | -1) {
  const rows = [...document.querySelectorAll<HTMLElement>(`main ${ROW}`)].filter((r) => r.getClientRects().length > 0);
  const focused = document.activeElement?.closest<HTMLElement>(ROW) ?? null;
  const row = rows[nextRow(focused ? rows.indexOf(focused) : -1, rows.length, delta)];
  if (!row) return;
  row.tabIndex = -1;
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: "nearest" });
}

function openRow(row: Element) {
  const link = row.querySelector<HTMLAnchorElement>("a[data-kb-open]") ?? row.querySelector<HTMLAnchorElement>("a[href]");
  link?.click();
}

export function KeyboardShortcuts() {
  const router = useRouter();
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  const pending = useRef<Pending>(null);
  const singleKeys = useSingleKeyShortcuts().enabled;

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      // An open dialog handles its own keys (Esc, arrows, Enter).
      if (e.defaultPrevented || e.isComposing || document.querySelector("dialog[open]")) return;
      const el = document.activeElement;
      const result = interpretKey({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: isTyping(el), onRow: !!el?.matches(ROW) }, pending.current, performance.now(), GO, { singleKeys });
      pending.current = result.pending;
      const action = result.action;
      if (!action) return;
      e.preventDefault();
      if (action.type === "palette") setPalette(true);
      else if (action.type === "help") setHelp(true);
      else if (action.type === "go") router.push(action.href);
      else if (action.type === "move") moveRow(action.delta);
      else if (el) openRow(el);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router, singleKeys]);

  return (
    <>
      <button type="button" className={`btn btn-ghost ${css.trigger}`} onClick={() => setPalette(true)} aria-keyshortcuts={singleKeys ? "Control+K Meta+K /" : "Control+K Meta+K"} data-testid="palette-button">
        <span aria-hidden>⌕</span> <span className={css.triggerLabel}>Search</span>
        <span className={css.triggerKeys} aria-hidden>
          <kbd className={css.kbd}>Ctrl</kbd> <kbd className={css.kbd}>K</kbd>
        </span>
      </button>
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} go={GO} />
    </>
  );
}
