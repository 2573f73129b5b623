// The production server for benchmarks: started on a free loopback port against a given database,
// ready when /api/health answers, stopped gracefully.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: base, PORT: String(port), EDGEWISE_SKIP_BUILD: "1" },
    stdio: "ignore",
  });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: server.pid!,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    },
  };
}
