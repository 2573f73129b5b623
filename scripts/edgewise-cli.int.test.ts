// The `edgewise` executable as CI runs it: a real process on fixture catalogs, with no database and no
// server (DATABASE_URL removed from its environment), asserting exit codes and each output format;
// and `push` over real HTTP to the import route handler.
import { execFile, spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importer from "@/app/api/catalog/import/route";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { makeUser } from "@/scripts/test/factories";

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

describe("edgewise push", () => {
  // The route handler behind a real HTTP listener; the CLI runs as its own process (asynchronously,
  // so this process can answer it).
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const request = new NextRequest(`http://localhost${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      void importer.POST(request, { params: Promise.resolve({}) }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  let url = "";
  let token = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const user = await makeUser("admin");
    // Creating the fixture's team needs the admin scope; a catalog:write token is refused (403) for teams.
    token = (await createToken(systemActor("test"), { name: "ci", scopes: ["admin"], userEmail: user.email })).token;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const push = async (...args: string[]) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, "push", ...args, "--server", url, "--token", token], { env, timeout: 60_000 });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout, err: err.stderr };
    }
  };

  it("previews, imports, and then finds nothing to change", async () => {
    const dry = await push(`${fixtures}/good`, "--dry-run");
    expect(dry.err).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("Dry run: nothing was applied.");
    expect(dry.out).toContain("Would create (5):\n  Team shop-team\n  Service storefront\n  Service pricing\n  Integration storefront->pricing:quote\n  Journey browse-product");

    const real = await push(`${fixtures}/good`);
    expect(real).toMatchObject({ code: 0, out: expect.stringContaining("Imported.\nCreated (5):") });
    const again = await push(`${fixtures}/good`);
    expect(again.out).toContain("Nothing to change: the catalog already matches these files.");
    expect(again.out).toContain("Unchanged: 5.");
  });

  it("exits 1 and lists every issue when the server refuses the files", async () => {
    const bad = await push(`${fixtures}/bad`);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Import refused (422 validation_failed): nothing was applied.");
    expect(bad.err).toContain(`${fixtures}/bad/catalog.yaml:21 (document 2, spec.budget.p99Ms): The p99 budget must be at least the p95 budget`);
  });
});
