// Starts scripts/test/remote-write-server.ts as its own process (its own Prisma pool, limits and
// memory, as a second server has) and waits for its URL.
import { spawn } from "node:child_process";

export async function startRemoteWriteServer(databaseUrl: string, maxConcurrent = 16): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/test/remote-write-server.ts", String(maxConcurrent)], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`remote-write server exited with ${code} before listening`)));
    setTimeout(() => reject(new Error("remote-write server did not listen within 60 s")), 60_000);
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM")))),
  };
}
