// Webhook signatures: the receiver recomputes an HMAC-SHA256 of the raw body with the channel's
// secret and compares it with X-Edgewise-Signature, so it knows the event came from Edgewise unaltered.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Edgewise-Signature";
const PREFIX = "sha256=";

/** `sha256=<lower-case hex HMAC-SHA256 of rawBody keyed by secret>`. Sign the exact bytes sent. */
export function signBody(secret: string, rawBody: string | Uint8Array): string {
  return PREFIX + createHmac("sha256", secret).update(rawBody).digest("hex");
}

/** Whether `header` is the signature of `rawBody`; compared in constant time, never throws. */
export function verifySignature(secret: string, rawBody: string | Uint8Array, header: string | null | undefined): boolean {
  if (typeof header !== "string" || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const expected = Buffer.from(signBody(secret, rawBody).slice(PREFIX.length), "hex");
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}
