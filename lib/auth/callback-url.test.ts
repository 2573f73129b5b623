import { describe, expect, it } from "vitest";
import { safeCallback } from "./callback-url";

describe("safeCallback", () => {
  it.each([
    ["/settings", "/settings"],
    ["/catalog?team=x#top", "/catalog?team=x#top"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.com/", "/"],
    ["//evil.com", "/"],
    ["/\\evil.com", "/"],
    ["/\t/evil.com", "/"],
    ["/%5Cevil.com", "/%5Cevil.com"],
    [["/a", "/b"], "/a"],
  ] as const)("%j → %j", (input, expected) => {
    expect(safeCallback(input as string | string[] | undefined)).toBe(expected);
  });
});
