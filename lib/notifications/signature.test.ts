import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";

describe("signBody", () => {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  it("matches the RFC 4231 HMAC-SHA256 vector", () => {
    expect(signBody("Jefe", "what do ya want for nothing?")).toBe("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });
  it("signs bytes and strings alike, and matches node:crypto computed independently", () => {
    const body = JSON.stringify({ id: "e1", summary: "p99 ≥ budget" });
    const expected = `sha256=${createHmac("sha256", "s3cret").update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(signBody("s3cret", body)).toBe(expected);
    expect(signBody("s3cret", new TextEncoder().encode(body))).toBe(expected);
  });
});

describe("verifySignature", () => {
  const body = '{"id":"evt-1","type":"slo.alert"}';
  const good = signBody("k", body);
  it.each<[string, string, string, string | null | undefined, boolean]>([
    ["the right signature", "k", body, good, true],
    ["upper-case hex", "k", body, `sha256=${good.slice(7).toUpperCase()}`, true],
    ["another secret", "other", body, good, false],
    ["a changed body (one byte)", "k", body.replace("1", "2"), good, false],
    ["whitespace added to the body", "k", `${body} `, good, false],
    ["a missing header", "k", body, undefined, false],
    ["null", "k", body, null, false],
    ["no prefix", "k", body, good.slice(7), false],
    ["another algorithm's prefix", "k", body, `sha1=${good.slice(7)}`, false],
    ["a truncated digest", "k", body, good.slice(0, -2), false],
    ["not hex", "k", body, `sha256=${"z".repeat(64)}`, false],
    ["empty", "k", body, "", false],
  ])("%s → %s", (_name, secret, raw, header, ok) => {
    expect(verifySignature(secret, raw, header)).toBe(ok);
  });
});
