import { describe, expect, it } from "vitest";
import { isLimited } from "./login-limit";

describe("isLimited", () => {
  it.each([
    [{ byEmail: 0, byIp: 0 }, false],
    [{ byEmail: 9, byIp: 9 }, false],
    [{ byEmail: 10, byIp: 10 }, true],
    [{ byEmail: 1, byIp: 49 }, false],
    [{ byEmail: 1, byIp: 50 }, true],
  ])("%j with a limit of 10 → %s", (failures, expected) => {
    expect(isLimited(failures, 10)).toBe(expected);
  });
});
