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
    const result = await body({ estate, logFile, cleanup: (fn) => cleanups.push(fn) });
    if ((result as { violations?: string[] }).violations?.length) showLog(logFile);
    return result;
  } catch (err) {
    showLog(logFile);
    throw err;
  } finally {
    for (const fn of cleanups) await fn().catch((err: unknown) => console.error("cleanup:", err));
    await estate.close();
  }
}

function showLog(logFile: string) {
  if (fs.existsSync(logFile)) console.error(`--- the server's log (last lines) ---\n${fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")}`);
}

export function verdict(violations: string[], ok: string) {
  console.log(violations.length ? `VIOLATED: ${violations.join("; ")}` : `OK: ${ok}`);
}
