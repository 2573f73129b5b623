"use client";
// The command palette (issue 20): jump to any integration point, service, team, journey, decision
// record or page by key or name. A combobox over a grouped listbox; the pages and the recent items
// (this browser's) are there before the server answers.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { ModalDialog } from "./modal-dialog";
import { NAV_ITEMS } from "./nav-items";
import { activeOption, paletteGroups, paletteStatus, stepOption, type PaletteOption } from "./palette-groups";
import css from "./palette.module.css";
import { loadRecent, rememberRecent, type RecentItem } from "./recent-items";
import { SEARCH_MAX_QUERY_CHARS, useSearch } from "./search-queries";

const LISTBOX_ID = "palette-listbox";

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy="palette-title" className={css.dialog} testId="command-palette">
      <PaletteBody onClose={onClose} />
    </ModalDialog>
  );
}

/** Mounted only while open: each opening starts empty, with the recent items as they are now. */
function PaletteBody({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const [text, setText] = useState("");
  // By id, not position: the server's groups arrive above or below what is shown, and the highlight
  // must stay on the option the user sees (and would open with Enter) rather than on its old index.
  const [activeId, setActiveId] = useState<string | null>(null);
  const [recent] = useState<RecentItem[]>(loadRecent);
  const search = useSearch(text);
  const groups = useMemo(() => paletteGroups(text, recent, NAV_ITEMS, search.data), [text, recent, search.data]);
  const options = groups.flatMap((g) => g.options);
  const current = activeOption(options, activeId);
  // Once shown, the first option is held by its id too (adjusting state while rendering, as React
  // documents), so results arriving ahead of it do not take the highlight away.
  if (current && current.id !== activeId) setActiveId(current.id);
  const q = text.trim();
  const waiting = q.length > 0 && (!search.settled || search.isFetching);
  const failure = search.isError ? search.error.message : undefined;
  const status = paletteStatus(text, options.length, { waiting, error: failure });
  const currentId = current?.id;

  useEffect(() => {
    if (currentId) document.getElementById(currentId)?.scrollIntoView({ block: "nearest" });
  }, [currentId]);

  function choose(option: PaletteOption) {
    rememberRecent({ kind: option.kind, key: option.key, label: option.label, href: option.href });
    onClose();
    router.push(option.href);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    // An IME composing text owns Enter and the arrows (Enter commits the composition); Safari reports
    // the committing keydown with isComposing false but keyCode 229. Home and End stay the text's.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step && options.length) {
      e.preventDefault();
      const next = stepOption(options, current, step);
      if (next) setActiveId(next.id);
    } else if (e.key === "Enter" && current) {
      e.preventDefault();
      choose(current);
    }
  }

  return (
    <>
      <h2 id="palette-title" className="sr-only">
        Go to
      </h2>
      <div className={css.inputRow}>
        <span aria-hidden>⌕</span>
        <input
          className={css.input}
          role="combobox"
          aria-label="Search integration points, services, teams, journeys, decision records and pages"
          aria-expanded={options.length > 0}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={current?.id}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          placeholder="Go to an integration point, service, team, journey, decision or page…"
          maxLength={SEARCH_MAX_QUERY_CHARS}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActiveId(null); // a new text starts at its first option
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
      </div>
      {/* Always in the page, so the first thing it says is heard; the count is for screen readers only
          (the list shows it), progress and failure for everyone. */}
      <div className={failure !== undefined || waiting ? css.status : "sr-only"} role="status" data-testid="palette-status">
        {status}
      </div>
      <div id={LISTBOX_ID} role="listbox" aria-label="Results" className={css.listbox}>
        {groups.map((g) => (
          <div role="presentation" key={g.kind}>
            <span role="presentation" id={`palette-group-${g.kind}`} className={css.groupTitle}>
              {g.title}
            </span>
            <div role="group" aria-labelledby={`palette-group-${g.kind}`}>
              {g.options.map((o) => (
                <div
                  key={o.id}
                  id={o.id}
                  role="option"
                  aria-selected={o.id === current?.id}
                  className={css.option}
                  data-href={o.href}
                  onMouseMove={() => setActiveId(o.id)}
                  onClick={() => choose(o)}
                >
                  <span className={css.optionLabel} title={o.label}>
                    {o.label}
                  </span>
                  <span className={css.optionDetail} title={o.detail}>
                    {o.detail}
                  </span>
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      {q && !waiting && !search.isError && options.length === 0 && (
        <p className={css.empty} data-testid="palette-empty">
          No matches for “{q}”. Try a key (checkout-&gt;payments), a service or team slug, a journey, or ADR-12.
        </p>
      )}
      <div className={css.footer} aria-hidden>
        <span>
          <kbd className={css.kbd}>↑</kbd> <kbd className={css.kbd}>↓</kbd> choose
        </span>
        <span>
          <kbd className={css.kbd}>Enter</kbd> open
        </span>
        <span>
          <kbd className={css.kbd}>Esc</kbd> close
        </span>
      </div>
    </>
  );
}
