import { describe, expect, it } from "vitest";
import { goShortcuts, interpretKey, nextRow, SEQUENCE_TIMEOUT_MS, type KeyInput, type Pending } from "./keyboard";
import { NAV_ITEMS } from "./nav-items";

describe("goShortcuts", () => {
  it("gives each main page the first letter of its label still free", () => {
    expect(goShortcuts(NAV_ITEMS).map((g) => `${g.letter} ${g.href}`)).toEqual(["o /", "c /catalog", "j /journeys", "f /findings", "d /decisions", "r /drift", "s /settings"]);
  });
  it("skips g itself and labels with no free letter", () => {
    expect(goShortcuts([{ href: "/a", label: "Go" }, { href: "/b", label: "O" }, { href: "/c", label: "Ok" }]).map((g) => `${g.letter} ${g.href}`)).toEqual(["o /a", "k /c"]);
  });
});

const go = goShortcuts(NAV_ITEMS);
const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, typing: false, onRow: false, ...extra });

/** Feeds keys at the given times; answers the actions taken, in order. */
function press(keys: [KeyInput, number][], singleKeys = true): (string | null)[] {
  let pending: Pending = null;
  return keys.map(([input, at]) => {
    const result = interpretKey(input, pending, at, go, { singleKeys });
    pending = result.pending;
    const a = result.action;
    return a === null ? null : a.type === "go" ? `go ${a.href}` : a.type === "move" ? `move ${a.delta}` : a.type;
  });
}

describe("interpretKey", () => {
  it.each([
    ["g then c goes to the catalog", [[key("g"), 0], [key("c"), 400]], [null, "go /catalog"]],
    ["g then o goes to the overview", [[key("g"), 0], [key("o"), 10]], [null, "go /"]],
    ["g then r goes to drift", [[key("g"), 0], [key("r"), 10]], [null, "go /drift"]],
    ["a letter too late is on its own", [[key("g"), 0], [key("c"), SEQUENCE_TIMEOUT_MS + 1]], [null, null]],
    ["g then j is the journeys page, not a row move", [[key("g"), 0], [key("j"), 10]], [null, "go /journeys"]],
    ["g, x ends the sequence", [[key("g"), 0], [key("x"), 10], [key("c"), 20]], [null, null, null]],
    ["g, g restarts it", [[key("g"), 0], [key("g"), 2000], [key("d"), 2100]], [null, null, "go /decisions"]],
    ["j and k move", [[key("j"), 0], [key("k"), 1]], ["move 1", "move -1"]],
    ["/ and ? open the palette and the help", [[key("/"), 0], [key("?"), 1]], ["palette", "help"]],
    ["Ctrl-K and ⌘-K open the palette", [[key("k", { ctrlKey: true }), 0], [key("K", { metaKey: true }), 1]], ["palette", "palette"]],
    ["Ctrl-K works while typing", [[key("k", { ctrlKey: true, typing: true }), 0]], ["palette"]],
    ["nothing fires while typing", [[key("/", { typing: true }), 0], [key("j", { typing: true }), 1], [key("g", { typing: true }), 2], [key("c"), 3]], [null, null, null, null]],
    ["nothing fires with a modifier", [[key("j", { altKey: true }), 0], [key("g", { ctrlKey: true }), 1], [key("c"), 2], [key("?", { metaKey: true }), 3]], [null, null, null, null]],
    ["Ctrl-Alt-K is not the palette", [[key("k", { ctrlKey: true, altKey: true }), 0]], [null]],
    ["Enter opens only from a row", [[key("Enter"), 0], [key("Enter", { onRow: true }), 1]], [null, "open"]],
  ] as [string, [KeyInput, number][], (string | null)[]][])("%s", (_name, keys, want) => {
    expect(press(keys)).toEqual(want);
  });
});

describe("interpretKey with single-key shortcuts turned off", () => {
  it.each([
    ["j, k, /, ? and g c do nothing", [[key("j"), 0], [key("k"), 1], [key("/"), 2], [key("?"), 3], [key("g"), 4], [key("c"), 5]], [null, null, null, null, null, null]],
    ["g leaves nothing pending: no page letter follows", [[key("g"), 0], [key("d"), 10], [key("r"), 20]], [null, null, null]],
    ["Ctrl-K and ⌘-K still open the palette", [[key("k", { ctrlKey: true }), 0], [key("K", { metaKey: true }), 1]], ["palette", "palette"]],
    ["Ctrl-K still works while typing", [[key("k", { ctrlKey: true, typing: true }), 0]], ["palette"]],
    ["Enter (not a character key) still opens a focused row", [[key("Enter", { onRow: true }), 0], [key("Enter"), 1]], ["open", null]],
    ["shifted and capital letters do nothing either", [[key("J"), 0], [key("G"), 1], [key("C"), 2]], [null, null, null]],
  ] as [string, [KeyInput, number][], (string | null)[]][])("%s", (_name, keys, want) => {
    expect(press(keys, false)).toEqual(want);
  });

  it("acts on the same keys again once turned back on", () => {
    const keys: [KeyInput, number][] = [[key("?"), 0], [key("g"), 1], [key("c"), 2]];
    expect(press(keys, false)).toEqual([null, null, null]);
    expect(press(keys, true)).toEqual(["help", null, "go /catalog"]);
  });

  it("drops a g pressed before the switch went off", () => {
    const before = interpretKey(key("g"), null, 0, go, { singleKeys: true });
    expect(before.pending).toEqual({ gAtMs: 0 });
    expect(interpretKey(key("c"), before.pending, 10, go, { singleKeys: false })).toEqual({ action: null, pending: null });
  });
});

describe("nextRow", () => {
  it.each([
    [-1, 5, 1, 0],
    [-1, 5, -1, 4],
    [0, 5, 1, 1],
    [4, 5, 1, 4],
    [0, 5, -1, 0],
    [2, 5, -1, 1],
    [-1, 0, 1, -1],
  ] as const)("from %i of %i by %i → %i", (current, count, delta, want) => expect(nextRow(current, count, delta)).toBe(want));
});
