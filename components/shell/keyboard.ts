// The app's keyboard shortcuts as pure logic (issue 20): which key, in which state, does what. The
// listener in ./keyboard-shortcuts.tsx feeds it key events and carries out the action it names.
export interface GoShortcut {
  letter: string;
  href: string;
  label: string;
}

/** `g` then a letter for each page: the first letter of its label not taken by an earlier page (Drift → r). */
export function goShortcuts(items: readonly { href: string; label: string }[]): GoShortcut[] {
  const taken = new Set<string>();
  const out: GoShortcut[] = [];
  for (const item of items) {
    const letter = [...item.label.toLowerCase()].find((c) => /[a-z]/.test(c) && !taken.has(c) && !RESERVED.has(c));
    if (!letter) continue;
    taken.add(letter);
    out.push({ letter, href: item.href, label: item.label });
  }
  return out;
}
/** Letters that mean something on their own would read ambiguously after g. */
const RESERVED = new Set(["g"]);

export type ShortcutAction =
  | { type: "palette" }
  | { type: "help" }
  | { type: "go"; href: string }
  | { type: "move"; delta: 1 | -1 }
  | { type: "open" };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in an input, a textarea, a select or something contenteditable. */
  typing: boolean;
  /** Focus is on a list row that j/k moved to. */
  onRow: boolean;
}

/** When `g` was pressed, while a page letter may follow. */
export type Pending = { gAtMs: number } | null;

/** How long after `g` a letter still counts as part of the sequence. */
export const SEQUENCE_TIMEOUT_MS = 1500;

export interface KeyOptions {
  /**
   * The user's preference: whether j, k, g, ? and / act on their own. Off, only Ctrl/⌘-K (and Enter
   * on a row, not a character key) is left: speech input and stray keypresses trigger nothing (WCAG 2.1.4).
   */
  singleKeys: boolean;
}

export function interpretKey(input: KeyInput, pending: Pending, nowMs: number, go: readonly GoShortcut[], options: KeyOptions = { singleKeys: true }): { action: ShortcutAction | null; pending: Pending } {
  // Ctrl-K / ⌘-K opens the palette from anywhere, a text field included: no one types that combination.
  if ((input.ctrlKey || input.metaKey) && !input.altKey && input.key.toLowerCase() === "k") return { action: { type: "palette" }, pending: null };
  if (input.typing || input.ctrlKey || input.metaKey || input.altKey) return { action: null, pending: null };
  if (!options.singleKeys && input.key !== "Enter") return { action: null, pending: null };
  if (pending && nowMs - pending.gAtMs <= SEQUENCE_TIMEOUT_MS) {
    const target = go.find((g) => g.letter === input.key.toLowerCase());
    if (target) return { action: { type: "go", href: target.href }, pending: null };
    // Anything else ends the sequence; a second g starts a new one below.
  }
  switch (input.key) {
    case "g":
      return { action: null, pending: { gAtMs: nowMs } };
    case "/":
      return { action: { type: "palette" }, pending: null };
    case "?":
      return { action: { type: "help" }, pending: null };
    case "j":
      return { action: { type: "move", delta: 1 }, pending: null };
    case "k":
      return { action: { type: "move", delta: -1 }, pending: null };
    case "Enter":
      return { action: input.onRow ? { type: "open" } : null, pending: null };
    default:
      return { action: null, pending: null };
  }
}

/** The row j/k lands on: the first when none is focused yet, held at either end. */
export function nextRow(current: number, count: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
