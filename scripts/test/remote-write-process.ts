// Starts a test server script (remote-write-server.ts, ingest-server.ts) as its own process (its own
// Prisma pool, limits and memory, as a second server has) and waits for its URL.
import { spawn } from "node:child_process";

export function startRemoteWriteServer(databaseUrl: string, maxConcurrent = 16) {
  return startTestServer("scripts/test/remote-write-server.ts", databaseUrl, [String(maxConcurrent)]);
}

export async function startTestServer(script: string, databaseUrl: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    setTimeout(() => reject(new Error(`${script} did not listen within 60 s`)), 60_000);
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM")))),
  };
}
