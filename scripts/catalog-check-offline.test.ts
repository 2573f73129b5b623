// `edgewise check` runs in CI jobs with no database and no server: nothing it imports may reach the
// database client. Walks the real import graph of the command's module (type-only imports aside).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SPECIFIER = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)|(?:^|\n)\s*import\s+"([^"]+)"/g;

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`Cannot resolve ${specifier} from ${from}`);
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      if (m[2]) continue; // import type / export type: erased
      const next = resolve(file, m[3] ?? m[4] ?? m[5]!);
      if (next) queue.push(next);
    }
  }
  return seen;
}

describe("edgewise check", () => {
  it("never loads the database client", () => {
    const files = [...reachable(path.join(root, "scripts/catalog-check.ts"))].map((f) => path.relative(root, f));
    expect(files).toContain("lib/catalog/as-code/validate.ts"); // the walk does follow the command's imports
    expect(files.filter((f) => f.startsWith("lib/db/"))).toEqual([]);
  });
});
