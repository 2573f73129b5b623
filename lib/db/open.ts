// Finds the database for a process: DATABASE_URL when set, else the embedded PostgreSQL of the data
// directory — started and owned (the app), or shared with a running app (tools such as the CLI).
import type { Env } from "@/lib/env";
import { connectOrStart, startEmbedded } from "./embedded-postgres";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(env: Env, mode: "own" | "shared", log?: (line: string) => void): Promise<OpenDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, close: async () => undefined };
  const options = { dataDir: env.dataDir, log, binDir: process.env.EDGEWISE_PG_BIN_DIR || undefined };
  const server = mode === "own" ? await startEmbedded(options) : await connectOrStart(options);
  return { url: server.url, embedded: true, close: () => server.stop() };
}
