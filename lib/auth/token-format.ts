// API token strings: random, prefixed so they are recognisable in logs and secret scanners, stored as SHA-256.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "ew_";

export function generateToken(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, 10), hash: hashToken(token) };
}

/** Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return /^ew_[A-Za-z0-9_-]{43}$/.test(value);
}
