// The frame of a fault script: a scratch estate, a server log to show when something breaks, cleanups
// run in the order registered and before the estate's database stops, and the verdict line.
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "../../build-state";
import { scratchEstate, type Estate } from "./estate";

export interface FaultContext {
  estate: Estate;
  logFile: string;
  cleanup(fn: () => Promise<unknown>): void;
}

export async function faultRun<T>(prefix: string, body: (ctx: FaultContext) => Promise<T>): Promise<T> {
  ensureBuild();
  const estate = await scratchEstate(prefix);
  const logFile = path.join(estate.dataDir, "server.log");
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    return await body({ estate, logFile, cleanup: (fn) => cleanups.push(fn) });
  } catch (err) {
    if (fs.existsSync(logFile)) console.error(fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n"));
    throw err;
  } finally {
    for (const fn of cleanups) await fn().catch((err: unknown) => console.error("cleanup:", err));
    await estate.close();
  }
}

export function verdict(violations: string[], ok: string) {
  console.log(violations.length ? `VIOLATED: ${violations.join("; ")}` : `OK: ${ok}`);
}
