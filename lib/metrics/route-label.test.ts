import { describe, expect, it } from "vitest";
import { OTHER_API, PAGE, routeMatcher } from "./route-label";

const match = routeMatcher([
  { method: "GET", path: "/api/decisions/{number}" },
  { method: "GET", path: "/api/decisions/inbox" },
  { method: "POST", path: "/api/decisions/{number}/reviews" },
  { method: "GET", path: "/api/integrations/{key}/latency" },
  { method: "GET", path: "/metrics" },
  { method: "POST", path: "/v1/traces" },
]);

describe("routeMatcher", () => {
  it.each([
    ["/api/decisions/12", "/api/decisions/{number}"],
    ["/api/decisions/inbox", "/api/decisions/inbox"],
    ["/api/decisions/12/reviews", "/api/decisions/{number}/reviews"],
    ["/api/integrations/checkout-%3Epayments%3Aauthorize/latency", "/api/integrations/{key}/latency"],
    ["/metrics", "/metrics"],
    ["/v1/traces", "/v1/traces"],
    ["/v1/logs", OTHER_API],
    ["/api/decisions/12/reviews/extra", OTHER_API],
    ["/catalog/some-key", PAGE],
    ["/", PAGE],
  ])("%s → %s", (path, label) => {
    expect(match("GET", path)).toBe(label);
  });
});
