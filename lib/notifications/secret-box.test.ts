import { afterEach, describe, expect, it } from "vitest";
import { appSecret, decryptSecret, encryptSecret, generateSecret, SecretBoxError } from "./secret-box";

const key = "a".repeat(32);
const flip = (text: string, index: number) => {
  const bytes = Buffer.from(text, "base64url");
  bytes[index % bytes.length]! ^= 1;
  return bytes.toString("base64url");
};

describe("secret box", () => {
  it("round-trips, including non-ASCII and empty text", () => {
    for (const plain of ["whsec_abc", "", "ünïcødé ✓", "x".repeat(5000)]) expect(decryptSecret(encryptSecret(plain, key), key)).toBe(plain);
  });
  it("is versioned and randomized: same plaintext, different boxes, no plaintext inside", () => {
    const a = encryptSecret("whsec_same", key);
    const b = encryptSecret("whsec_same", key);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("whsec_same");
    expect(Buffer.from(a.split(".")[3]!, "base64url").toString()).not.toContain("same");
  });
  it.each<[string, (parts: string[]) => string]>([
    ["a flipped ciphertext bit", (p) => [p[0], p[1], p[2], flip(p[3]!, 0)].join(".")],
    ["a flipped tag bit", (p) => [p[0], p[1], flip(p[2]!, 3), p[3]].join(".")],
    ["a flipped IV bit", (p) => [p[0], flip(p[1]!, 5), p[2], p[3]].join(".")],
    ["another version label", (p) => ["v2", p[1], p[2], p[3]].join(".")],
    ["a missing part", (p) => [p[0], p[1], p[3]].join(".")],
    ["a short tag", (p) => [p[0], p[1], p[2]!.slice(0, 10), p[3]].join(".")],
    ["not a box at all", () => "whsec_plain"],
  ])("rejects %s", (_name, tamper) => {
    const box = encryptSecret("whsec_secret", key);
    expect(() => decryptSecret(tamper(box.split(".")), key)).toThrow(SecretBoxError);
  });
  it("rejects a box encrypted under another app secret", () => {
    expect(() => decryptSecret(encryptSecret("whsec_x", key), "b".repeat(32))).toThrow(/another NEXTAUTH_SECRET/);
  });
});

describe("the app secret", () => {
  const saved = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, DATABASE_URL: process.env.DATABASE_URL };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  it("comes from NEXTAUTH_SECRET, and is the default key", () => {
    process.env.NEXTAUTH_SECRET = key;
    expect(appSecret()).toBe(key);
    expect(decryptSecret(encryptSecret("whsec_default"), key)).toBe("whsec_default");
  });
  it("is required with an external database, naming the variable", () => {
    delete process.env.NEXTAUTH_SECRET;
    process.env.DATABASE_URL = "postgresql://x@localhost/x";
    expect(() => encryptSecret("whsec_x")).toThrow(/NEXTAUTH_SECRET is required/);
  });
});

describe("generateSecret", () => {
  it("makes 256-bit, distinct, URL-safe secrets", () => {
    const seen = new Set(Array.from({ length: 200 }, generateSecret));
    expect(seen.size).toBe(200);
    for (const s of seen) expect(s).toMatch(/^whsec_[\w-]{43}$/);
  });
});
