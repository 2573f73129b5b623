// What of a channel is secret, and how it is kept: a webhook's signing secret, and a Slack incoming
// webhook's whole URL (its path is the credential). Both live encrypted in `secret_box`; a Slack
// channel's `url` column keeps only the origin, so no read, list, audit row or backup shows the
// credential.
import { decryptSecret, encryptSecret } from "./secret-box";
import type { ChannelKind, ChannelTarget } from "./types";

/** The columns to store for a channel's URL (and, for Slack, its encrypted form). */
export function storedUrl(kind: ChannelKind, url: string): { url: string; secretBox?: string } {
  if (kind !== "slack") return { url };
  return { url: `${new URL(url).origin}/…`, secretBox: encryptSecret(url) };
}

/** What a sender needs, decrypted from the stored row. */
export function targetOf(kind: ChannelKind, url: string, secretBox: string | null): ChannelTarget {
  if (kind === "slack") {
    // Channels stored before URLs were encrypted kept the URL itself.
    return { kind, url: secretBox ? decryptSecret(secretBox) : url, secret: null };
  }
  return { kind, url, secret: secretBox ? decryptSecret(secretBox) : null };
}
