// Over real HTTP, from a separate server process: remote write asks the sender to retry — 429 with
// Retry-After when the process has as many requests in flight as it takes, 503 with Retry-After when
// its database is down — and a retried request is then taken.
import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { classicHistogram, encodeWriteRequest } from "@/scripts/test/remote-write-body";
import { remoteWriteEstate, remoteWriteToken } from "@/scripts/test/remote-write-estate";
import { startRemoteWriteServer } from "@/scripts/test/remote-write-process";
import { TEMPO_BUCKETS_S } from "@/scripts/test/spanmetrics-target";

const HEADERS = { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" };

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("remote write under pressure", () => {
  it("answers 429 with Retry-After past the in-flight limit, then takes the retry", async () => {
    const e = await remoteWriteEstate();
    const server = await startRemoteWriteServer(inject("databaseUrl"), 1);
    try {
      const body = (n: number) => new Uint8Array(encodeWriteRequest(classicHistogram("traces_spanmetrics_latency", e.labels("STATUS_CODE_UNSET"), TEMPO_BUCKETS_S, [0.01], Date.now() - 60_000 + n)));
      // Six at once into a process that takes one at a time: the first holds the slot while it reads the database.
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => fetch(`${server.url}/api/v1/write`, { method: "POST", headers: { ...HEADERS, authorization: e.auth }, body: body(i) })));
      const statuses = answers.map((a) => a.status);
      const busy = answers.filter((a) => a.status === 429);
      expect(busy.length).toBeGreaterThan(0);
      for (const a of busy) expect(a.headers.get("retry-after")).toBe("1");
      expect(statuses.filter((s) => s === 204).length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 204 || s === 429)).toBe(true);
      const retry = await fetch(`${server.url}/api/v1/write`, { method: "POST", headers: { ...HEADERS, authorization: e.auth }, body: body(99) });
      expect(retry.status).toBe(204);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it("answers 503 with Retry-After while the database is down", async () => {
    const auth = `Bearer ${await remoteWriteToken(["telemetry:write"])}`; // a real token, whose check needs the database
    const server = await startRemoteWriteServer(`postgresql://edgewise@127.0.0.1:${await closedPort()}/edgewise`);
    try {
      const res = await fetch(`${server.url}/api/v1/write`, { method: "POST", headers: { ...HEADERS, authorization: auth }, body: new Uint8Array(encodeWriteRequest([])) });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    } finally {
      await server.stop();
    }
  }, 90_000);
});
