import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { disconnectDb } from "./client";
import { databaseHealthy } from "./health";

afterAll(() => disconnectDb());

describe("databaseHealthy", () => {
  it("is true while the database answers", async () => {
    process.env.DATABASE_URL = inject("databaseUrl");
    await disconnectDb();
    expect(await databaseHealthy()).toBe(true);
  });

  it("is false, within its timeout, when nothing listens at the database address", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    process.env.DATABASE_URL = `postgresql://x:y@127.0.0.1:${closed}/none`;
    await disconnectDb();
    expect(await databaseHealthy(1500)).toBe(false);
  });

  it("is false when the database accepts connections but never answers", async () => {
    const silent = net.createServer(() => undefined); // accepts TCP, says nothing: a hung database
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    process.env.DATABASE_URL = `postgresql://x:y@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`;
    await disconnectDb();
    expect(await databaseHealthy(500)).toBe(false);
    await disconnectDb();
    silent.close();
  });
});
