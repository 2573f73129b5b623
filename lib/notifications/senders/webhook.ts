// The generic webhook: the event as JSON, signed with the channel's secret, keyed for idempotency.
import { SIGNATURE_HEADER, signBody } from "../signature";
import type { ChannelTarget, NotificationEvent, SendOptions } from "../types";
import { absoluteLink } from "./describe";
import { USER_AGENT, type OutgoingRequest } from "./http";

/** The documented body, exactly these fields in this order. */
export function webhookPayload(event: NotificationEvent, appUrl: string) {
  const { id, type, state, occurredAt, summary, integration, team, data } = event;
  return { id, type, state, occurredAt, summary, link: absoluteLink(event.link, appUrl), integration, team, data };
}

/** The request a receiver gets; the signature covers the exact body string sent. */
export function webhookRequest(target: ChannelTarget, event: NotificationEvent, options: Pick<SendOptions, "appUrl">): OutgoingRequest {
  const body = JSON.stringify(webhookPayload(event, options.appUrl));
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    "Idempotency-Key": event.id,
    "X-Edgewise-Event": event.type,
  };
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(target.secret, body);
  return { url: target.url, headers, body };
}
