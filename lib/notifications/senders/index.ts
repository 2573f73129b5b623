// Sends one event to one channel: the kind picks the payload builder, one HTTP attempt does the rest.
// Never throws; every failure is an AttemptOutcome the queue can log, retry or dead-letter.
import type { AttemptOutcome, ChannelKind, ChannelTarget, NotificationEvent, SendOptions } from "../types";
import { alertmanagerRequest } from "./alertmanager";
import { post, type OutgoingRequest } from "./http";
import { slackRequest } from "./slack";
import { webhookRequest } from "./webhook";

const builders: Record<ChannelKind, (target: ChannelTarget, event: NotificationEvent, options: SendOptions) => OutgoingRequest> = {
  webhook: webhookRequest,
  slack: slackRequest,
  alertmanager: alertmanagerRequest,
};

export function buildRequest(target: ChannelTarget, event: NotificationEvent, options: SendOptions): OutgoingRequest {
  return builders[target.kind](target, event, options);
}

export async function send(target: ChannelTarget, event: NotificationEvent, options: SendOptions): Promise<AttemptOutcome> {
  return post(buildRequest(target, event, options), options.timeoutMs);
}
