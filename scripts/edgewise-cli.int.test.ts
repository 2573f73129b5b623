// The `edgewise` executable as CI runs it: a real process on fixture catalogs, with no database and no
// server (DATABASE_URL removed from its environment), asserting exit codes and each output format.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve("scripts/bin/edgewise.mjs");
const fixtures = "scripts/fixtures/catalog";

function edgewise(...args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("edgewise check", () => {
  it("passes a good catalog (folders searched recursively) with exit 0 and a report by file", () => {
    const { code, out, err } = edgewise("check", `${fixtures}/good`);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain(`✓ ${fixtures}/good/services/shop.yaml`);
    expect(out).toContain(`✓ ${fixtures}/good/teams.yaml`);
    expect(out).toContain("2 files, 5 documents: 0 errors, 0 warnings.");
  });

  it("fails a bad catalog with exit 1: syntax errors, field errors with lines, unresolved references as warnings", () => {
    const { code, out } = edgewise("check", `${fixtures}/bad`);
    expect(code).toBe(1);
    expect(out).toContain(`✗ ${fixtures}/bad/broken.yml`);
    expect(out).toMatch(/ {3}21 {2}error {4}spec\.budget\.p99Ms: The p99 budget must be at least the p95 budget/);
    expect(out).toMatch(/ {4}7 {2}warning {2}spec\.team: Unknown team shop-team in these files/);
    expect(out).toContain("[async-dead-letter-queue]");
  });

  it("fails on an error-severity policy finding even when every document is valid", () => {
    const { code, out } = edgewise("check", `${fixtures}/policy/catalog.yaml`, "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(out) as { errors: number; issues: { rule?: string; line?: number; severity: string }[] };
    expect(report.errors).toBe(1);
    expect(report.issues).toEqual([expect.objectContaining({ rule: "sync-timeout-declared", severity: "error", line: 19, document: 3 })]);
  });

  it("writes GitHub Actions annotations with file, line and title", () => {
    const { code, out } = edgewise("check", `${fixtures}/bad/catalog.yaml`, "--format", "github");
    expect(code).toBe(1);
    const lines = out.trim().split("\n");
    expect(lines).toContain(`::error file=${fixtures}/bad/catalog.yaml,line=21,title=Invalid spec.budget.p99Ms::spec.budget.p99Ms: The p99 budget must be at least the p95 budget`);
    expect(lines).toContain(`::warning file=${fixtures}/bad/catalog.yaml,line=29,title=Check spec.targetService::spec.targetService: Unknown service mailer in these files`);
    expect(lines.filter((l) => l.startsWith("::warning") && l.includes("title=contract-versioned"))).toHaveLength(1);
  });

  it("explains a wrong format or a missing path with exit 1", () => {
    expect(edgewise("check", fixtures, "--format", "xml")).toMatchObject({ code: 1, err: expect.stringContaining("--format is one of text, json, github") });
    expect(edgewise("check", "no/such/folder")).toMatchObject({ code: 1, err: expect.stringContaining("No such file or folder: no/such/folder") });
  });
});
