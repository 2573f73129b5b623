import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken, looksLikeToken } from "./token-format";

describe("API token format", () => {
  it("generates distinct, recognisable tokens whose stored hash is their SHA-256", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).not.toBe(b.token);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(a.prefix).toBe(a.token.slice(0, 10));
    expect(a.hash).toBe(createHash("sha256").update(a.token).digest("hex"));
    expect(hashToken(a.token)).toBe(a.hash);
  });
  it.each(["", "ew_short", "xx_" + "a".repeat(43), "ew_" + "a".repeat(42) + "!"])("rejects %j", (value) => {
    expect(looksLikeToken(value)).toBe(false);
  });
});
