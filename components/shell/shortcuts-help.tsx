"use client";
// `?`: every keyboard shortcut, the page letters derived from the navigation, and where the single
// keys are turned off.
import Link from "next/link";
import type { GoShortcut } from "./keyboard";
import { ModalDialog } from "./modal-dialog";
import css from "./palette.module.css";

const Key = ({ children }: { children: string }) => <kbd className={css.kbd}>{children}</kbd>;

export function ShortcutsHelp({ open, onClose, go }: { open: boolean; onClose: () => void; go: readonly GoShortcut[] }) {
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy="shortcuts-title" className={css.dialog} testId="shortcuts-help">
      <div className={css.helpHead}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {/* Focusable, so a keyboard can scroll it on a short screen. */}
      <div className={css.helpBody} tabIndex={0} role="region" aria-label="Shortcuts">
        <p className="muted" style={{ margin: ".25rem 0 0" }} data-testid="single-key-setting">
          Single keys work while focus is not in a text field. If you use speech input or press them by accident, turn them off under{" "}
          <Link href="/settings#single-key-shortcuts" onClick={onClose}>
            Settings
          </Link>
          ; <Key>Ctrl</Key> <Key>K</Key> keeps working.
        </p>
        <h3 className={css.helpSection}>Anywhere</h3>
        <dl className={css.helpList}>
          <dt>
            <Key>Ctrl</Key> <Key>K</Key> or <Key>⌘</Key> <Key>K</Key>, <Key>/</Key>
          </dt>
          <dd>Go to anything: the command palette</dd>
          <dt>
            <Key>?</Key>
          </dt>
          <dd>This help</dd>
          <dt>
            <Key>Esc</Key>
          </dt>
          <dd>Close a dialog</dd>
        </dl>
        <h3 className={css.helpSection}>Lists (catalog, findings, decisions…)</h3>
        <dl className={css.helpList}>
          <dt>
            <Key>j</Key> / <Key>k</Key>
          </dt>
          <dd>Next / previous row</dd>
          <dt>
            <Key>Enter</Key>
          </dt>
          <dd>Open the focused row</dd>
        </dl>
        <h3 className={css.helpSection}>Pages</h3>
        <dl className={`${css.helpList} ${css.helpPages}`} data-testid="go-shortcuts">
          {go.map((g) => (
            <div key={g.href} style={{ display: "contents" }}>
              <dt>
                <Key>g</Key> <Key>{g.letter}</Key>
              </dt>
              <dd>{g.label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </ModalDialog>
  );
}
