import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { unique } from "@/scripts/test/factories";
import { clearLoginFailures, loginBlocked, recordLoginFailure } from "./login-limit";

describe("sign-in throttling", () => {
  it("blocks an email after 10 failures in the window and forgets them after a success", async () => {
    const email = `${unique("victim")}@test.local`;
    const ip = unique("ip");
    for (let i = 0; i < 9; i++) await recordLoginFailure(email, ip);
    expect(await loginBlocked(email, ip)).toBe(false);
    await recordLoginFailure(email, ip);
    expect(await loginBlocked(email, ip)).toBe(true);
    expect(await loginBlocked(email, unique("other-ip"))).toBe(true);
    await clearLoginFailures(email);
    expect(await loginBlocked(email, unique("ip"))).toBe(false);
  });

  it("ignores failures older than the window", async () => {
    const email = `${unique("old")}@test.local`;
    const ip = unique("ip");
    const longAgo = new Date(Date.now() - 16 * 60_000);
    await db().loginAttempt.createMany({ data: Array.from({ length: 12 }, () => ({ email, ip, at: longAgo })) });
    expect(await loginBlocked(email, ip)).toBe(false);
  });

  it("blocks an address that tries many different emails", async () => {
    const ip = unique("spray");
    for (let i = 0; i < 50; i++) await recordLoginFailure(`${unique("u")}@test.local`, ip);
    expect(await loginBlocked(`${unique("fresh")}@test.local`, ip)).toBe(true);
  });
});
