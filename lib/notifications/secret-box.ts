// Channel secrets at rest. A webhook signing secret must be recoverable (the sender signs with it), so
// it is encrypted, not hashed: AES-256-GCM under a key derived by HKDF from the app's NEXTAUTH_SECRET.
// Box format: `v1.<iv>.<tag>.<ciphertext>` (base64url); the version is bound in as associated data.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { readSecrets } from "@/lib/db/embedded-postgres";
import { env } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Domain separation: the same NEXTAUTH_SECRET signs session JWTs; this key must differ from any other use of it.
const HKDF_SALT = "edgewise/notifications/secret-box";
const HKDF_INFO = "aes-256-gcm channel secrets v1";

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/**
 * The app secret, found as the server finds it (scripts/start.ts): NEXTAUTH_SECRET, or — for the
 * embedded database only — the one generated into the data directory on first start.
 */
export function appSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (!process.env.DATABASE_URL) return readSecrets(env().dataDir).nextauthSecret;
  throw new SecretBoxError("NEXTAUTH_SECRET is required to encrypt notification channel secrets when DATABASE_URL is set");
}

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, HKDF_SALT, HKDF_INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

/** Encrypts `plain` under the key derived from `secret` (default: the app secret). */
export function encryptSecret(plain: string, secret: string = appSecret()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Decrypts a box from `encryptSecret`; throws SecretBoxError when it is malformed, tampered with or under another key. */
export function decryptSecret(box: string, secret: string = appSecret()): string {
  const parts = box.split(".");
  if (parts.length !== 4) throw new SecretBoxError("not a secret box");
  const [version, ivText, tagText, dataText] = parts as [string, string, string, string];
  if (version !== VERSION) throw new SecretBoxError(`unsupported secret box version ${JSON.stringify(version)}`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("malformed secret box");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(version));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("secret box failed authentication (tampered with, or encrypted under another NEXTAUTH_SECRET)");
  }
}

/** A new webhook signing secret: 32 random bytes, shown to the user once. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
