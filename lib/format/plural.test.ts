import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it.each([
    [0, "approval", undefined, "0 approvals"],
    [1, "approval", undefined, "1 approval"],
    [2, "approval", undefined, "2 approvals"],
    [1204, "integration point", undefined, "1,204 integration points"],
    [1, "dependency", "dependencies", "1 dependency"],
    [3, "dependency", "dependencies", "3 dependencies"],
  ])("writes %s %s", (n, one, many, text) => {
    expect(plural(n, one, many)).toBe(text);
  });
});
