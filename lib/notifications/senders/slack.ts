// A Slack incoming-webhook message: plain text for notifications and clients without blocks, and
// blocks with the figures and a button back into Edgewise.
import type { ChannelTarget, NotificationEvent, SendOptions } from "../types";
import { absoluteLink, EVENT_TITLES, figureLines, stateWord } from "./describe";
import { USER_AGENT, type OutgoingRequest } from "./http";

/** Slack's mrkdwn treats &, < and > as control characters (links, mentions); everything user-written is escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Slack's limits: section text 3,000 characters, context element 2,000 (longer blocks are rejected with 400 invalid_blocks).
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const MARKS: Record<string, string> = { FIRING: ":red_circle:", RESOLVED: ":large_green_circle:" };

export function slackMessage(event: NotificationEvent, appUrl: string) {
  const word = stateWord(event);
  const title = `${word ? `${word} · ` : ""}${EVENT_TITLES[event.type]}`;
  const mark = (word && MARKS[word]) ?? ":bell:";
  const about = [
    event.integration ? `*Integration:* \`${escapeMrkdwn(event.integration)}\`` : null,
    event.team ? `*Team:* ${escapeMrkdwn(event.team)}` : null,
    `*Severity:* ${event.severity}`,
  ].filter((x): x is string => x !== null);
  const figures = figureLines(event.data);
  const blocks: unknown[] = [
    { type: "section", text: { type: "mrkdwn", text: clip(`${mark} *${escapeMrkdwn(title)}*\n${escapeMrkdwn(event.summary)}`, 3000) } },
    { type: "context", elements: [{ type: "mrkdwn", text: clip(about.join("  ·  "), 2000) }] },
  ];
  if (figures.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`\`\`\`${escapeMrkdwn(figures.join("\n"))}\`\`\``, 3000) } });
  blocks.push({
    type: "actions",
    elements: [{ type: "button", text: { type: "plain_text", text: "Open in Edgewise" }, url: absoluteLink(event.link, appUrl), action_id: "open_in_edgewise" }],
  });
  return { text: clip(escapeMrkdwn(`${title}: ${event.summary}`), 3000), blocks };
}

export function slackRequest(target: ChannelTarget, event: NotificationEvent, options: Pick<SendOptions, "appUrl">): OutgoingRequest {
  return {
    url: target.url,
    headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
    body: JSON.stringify(slackMessage(event, options.appUrl)),
  };
}
