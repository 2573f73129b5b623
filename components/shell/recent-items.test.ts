import { describe, expect, it } from "vitest";
import { parseRecent, withRecent, type RecentItem } from "./recent-items";

const item = (href: string): RecentItem => ({ kind: "page", key: href, label: href, href });

describe("withRecent", () => {
  it("puts the item first, once, and keeps at most max", () => {
    const list = [item("/a"), item("/b"), item("/c")];
    expect(withRecent(list, item("/b")).map((r) => r.href)).toEqual(["/b", "/a", "/c"]);
    expect(withRecent(list, item("/d"), 3).map((r) => r.href)).toEqual(["/d", "/a", "/b"]);
  });
});

describe("parseRecent", () => {
  it("reads what withRecent wrote", () => {
    expect(parseRecent(JSON.stringify([item("/x")]))).toEqual([item("/x")]);
  });
  it.each([
    ["nothing", null],
    ["not JSON", "{"],
    ["not a list", '{"href":"/"}'],
  ])("answers [] for %s", (_name, text) => expect(parseRecent(text)).toEqual([]));
  it("drops malformed entries and links off the site", () => {
    const text = JSON.stringify([item("/ok"), { ...item("/n"), label: 3 }, item("https://evil.test/"), item("//evil.test/x"), "junk"]);
    expect(parseRecent(text).map((r) => r.href)).toEqual(["/ok"]);
  });
});
