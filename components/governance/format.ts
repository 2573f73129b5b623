// Number and date wording shared by the governance pages (server and client render the same text).

import { formatDurationExact } from "@/lib/format/duration";

/** The one duration formatter (declared budgets: never rounded), under the name the governance pages use. */
export const formatMs = formatDurationExact;

/** Slack when the synchronous chain fits the budget, the overrun when it does not. */
export function slackWording(slackMs: number): { text: string; over: boolean } {
  return slackMs >= 0 ? { text: `${formatMs(slackMs)} slack`, over: false } : { text: `over budget by ${formatMs(-slackMs)}`, over: true };
}

// A fixed locale and UTC keep the server's HTML and the browser's hydration identical.
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

/** YYYY-MM-DD `days` from now, for date inputs. */
export function isoDateIn(days: number, now = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export const integrationHref = (key: string) => `/catalog/${encodeURIComponent(key)}`;
export const journeyHref = (slug: string) => `/journeys/${encodeURIComponent(slug)}`;
export const teamHref = (slug: string) => `/teams/${encodeURIComponent(slug)}`;
