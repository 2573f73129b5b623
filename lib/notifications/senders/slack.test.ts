import { describe, expect, it } from "vitest";
import { escapeMrkdwn, slackMessage, slackRequest } from "./slack";
import { sampleEvent } from "./sample-events";

const appUrl = "https://edgewise.example.com";

describe("escapeMrkdwn", () => {
  it.each([
    ["a->b:op", "a-&gt;b:op"],
    ["<!channel> & <@U123>", "&lt;!channel&gt; &amp; &lt;@U123&gt;"],
    ["&amp; already", "&amp;amp; already"],
    ["<https://evil.test|click me>", "&lt;https://evil.test|click me&gt;"],
    ["plain *bold* text", "plain *bold* text"],
  ])("%s → %s", (input, output) => expect(escapeMrkdwn(input)).toBe(output));
});

describe("slack message", () => {
  type Block = { type: string; text?: { text: string }; elements?: { type: string; text: string | { text: string }; url?: string }[] };
  const blocksOf = (m: ReturnType<typeof slackMessage>) => m.blocks as Block[];

  it("has fallback text and blocks: headline, context, figures, a button back to the app", () => {
    const message = slackMessage(sampleEvent(), appUrl);
    expect(message.text).toBe("FIRING · SLO alert: checkout-&gt;payments:authorize is burning its error budget at 15.2× (page)");
    const blocks = blocksOf(message);
    expect(blocks.map((b) => b.type)).toEqual(["section", "context", "section", "actions"]);
    expect(blocks[0]!.text!.text).toBe(":red_circle: *FIRING · SLO alert*\ncheckout-&gt;payments:authorize is burning its error budget at 15.2× (page)");
    expect(blocks[1]!.elements![0]!.text).toBe("*Integration:* `checkout-&gt;payments:authorize`  ·  *Team:* payments-team  ·  *Severity:* critical");
    expect(blocks[2]!.text!.text).toContain('burnRates: {"1h":15.2,"5m":21.4}');
    const button = blocks[3]!.elements![0]!;
    expect(button).toMatchObject({ type: "button", url: sampleEvent().link, text: { text: "Open in Edgewise" } });
  });
  it("marks a resolution green and a one-off event with a bell, without a state word", () => {
    expect(blocksOf(slackMessage(sampleEvent({ state: "resolved" }), appUrl))[0]!.text!.text).toMatch(/^:large_green_circle: \*RESOLVED · SLO alert\*/);
    const review = slackMessage(sampleEvent({ type: "decision.review_requested", state: null, integration: null, data: {}, link: "/decisions/7" }), appUrl);
    expect(review.text).toMatch(/^Review requested: /);
    const blocks = blocksOf(review);
    expect(blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
    expect(blocks[0]!.text!.text).toMatch(/^:bell: /);
    expect(blocks[1]!.elements![0]!.text).toBe("*Team:* payments-team  ·  *Severity:* critical");
    expect(blocks[2]!.elements![0]!.url).toBe("https://edgewise.example.com/decisions/7");
  });
  it("cannot be made to mention @channel or forge a link from a summary", () => {
    const message = slackMessage(sampleEvent({ summary: "<!channel> see <https://evil.test|the runbook>" }), appUrl);
    expect(JSON.stringify(message)).not.toMatch(/<!channel>|<https:\/\/evil/);
  });
  it("clips long text to Slack's block limits", () => {
    const message = slackMessage(sampleEvent({ summary: "x".repeat(5000) }), appUrl);
    expect(blocksOf(message)[0]!.text!.text.length).toBe(3000);
    expect(message.text.length).toBe(3000);
  });
  it("posts JSON to the incoming-webhook URL", () => {
    const request = slackRequest({ kind: "slack", url: "https://hooks.slack.com/services/T/B/X", secret: null }, sampleEvent(), { appUrl });
    expect(request).toMatchObject({ url: "https://hooks.slack.com/services/T/B/X", headers: { "Content-Type": "application/json" } });
    expect(JSON.parse(request.body)).toEqual(slackMessage(sampleEvent(), appUrl));
  });
});
