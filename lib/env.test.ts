import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve(".edgewise"));
    expect(env.oidcEnabled).toBe(false);
    expect(env.EDGEWISE_LOGIN_MAX_FAILURES).toBe(10);
  });
  it("takes read replicas as comma-separated URLs, with lag and read-your-writes bounds", () => {
    const env = parseEnv({ DATABASE_READ_URL: "postgresql://r1/ew, postgres://r2/ew", EDGEWISE_READ_MAX_LAG_SECONDS: "2.5" });
    expect(env.DATABASE_READ_URL).toBe("postgresql://r1/ew, postgres://r2/ew");
    expect(env.EDGEWISE_READ_MAX_LAG_SECONDS).toBe(2.5);
    expect(env.EDGEWISE_READ_YOUR_WRITES_SECONDS).toBe(300);
    expect(() => parseEnv({ DATABASE_READ_URL: "postgresql://r1/ew,mysql://r2" })).toThrow(/DATABASE_READ_URL: must be one or more postgresql:\/\/ connection URLs/);
    expect(() => parseEnv({ EDGEWISE_READ_MAX_LAG_SECONDS: "-1" })).toThrow(/EDGEWISE_READ_MAX_LAG_SECONDS/);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: " ", NEXTAUTH_SECRET: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });
  it("reads the port, data directory and database URL", () => {
    const env = parseEnv({ PORT: "8080", EDGEWISE_DATA_DIR: "/var/lib/ew", DATABASE_URL: "postgresql://u:p@db:5432/ew" });
    expect(env.PORT).toBe(8080);
    expect(env.dataDir).toBe("/var/lib/ew");
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db:5432/ew");
  });
  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "abc" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a postgresql:// connection URL"],
    [{ NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET: must be at least 32 characters"],
    [{ NEXTAUTH_URL: "not a url" }, "NEXTAUTH_URL"],
    [{ EDGEWISE_OIDC_SCOPES: "email profile" }, "EDGEWISE_OIDC_SCOPES: must include openid"],
    [{ OIDC_ISSUER: "https://id.example.com" }, "OIDC needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"],
  ])("names the bad variable in %j", (source, expected) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(expected);
  });
  it("enables OIDC only with all three variables", () => {
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com/realms/x", OIDC_CLIENT_ID: "edgewise", OIDC_CLIENT_SECRET: "s" });
    expect(env.oidcEnabled).toBe(true);
    expect(env.OIDC_NAME).toBe("Single sign-on");
    expect(env.EDGEWISE_OIDC_SCOPES).toBe("openid email profile");
    expect(env.EDGEWISE_OIDC_TEAMS_CLAIM).toBeUndefined();
  });
  it("reads the scopes and the teams claim", () => {
    const env = parseEnv({ EDGEWISE_OIDC_SCOPES: "openid email groups", EDGEWISE_OIDC_TEAMS_CLAIM: " https://edgewise.example/teams " });
    expect(env.EDGEWISE_OIDC_SCOPES).toBe("openid email groups");
    expect(env.EDGEWISE_OIDC_TEAMS_CLAIM).toBe("https://edgewise.example/teams");
  });
});
