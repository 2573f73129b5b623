// Decision records as other tools write them: adr-tools' own log (Nygard's format, fixtures/adr-tools)
// and files in the shapes of MADR 2, 3 and 4 and adr-tools written for this test (fixtures/styles).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMadr } from "./madr-parse";
import { madrFileName, toMadr } from "./markdown";
import type { DecisionView } from "./records";

const read = (dir: string, file: string) => parseMadr(file, readFileSync(join(__dirname, "fixtures", dir, file), "utf8"));
const records = (dir: string) => readdirSync(join(__dirname, "fixtures", dir)).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort();

describe("adr-tools' own decision records (Nygard's format)", () => {
  const files = records("adr-tools");
  it("are all there (9 files)", () => expect(files).toHaveLength(9));

  it.each(files)("reads %s: number, title without its number, date, status, sections", (file) => {
    const source = readFileSync(join(__dirname, "fixtures", "adr-tools", file), "utf8");
    const parsed = read("adr-tools", file);
    const heading = /^# (\d+)\. (.+)$/m.exec(source)!;
    expect(parsed.number).toBe(Number(heading[1]));
    expect(parsed.content.title).toBe(heading[2]);
    expect(parsed.date).toBe(/^Date: (\S+)$/m.exec(source)![1]);
    expect(parsed.status).toBe("accepted");
    expect(parsed.content.context).toBe(/## Context\n\n([\s\S]*?)\n+## Decision\n/.exec(source)![1]!.trim());
    expect(parsed.content.outcome.startsWith(/## Decision\n\n([\s\S]*?)\n+## Consequences\n/.exec(source)![1]!.trim())).toBe(true);
    // Nygard's consequences are neither good nor bad: kept in the outcome's text, with a warning.
    expect(parsed.content.outcome).toContain(`Consequences:\n\n${/## Consequences\n\n([\s\S]*)$/.exec(source)![1]!.trim()}`);
    expect(parsed.warnings).toEqual([{ path: "consequences", message: "Consequences not marked good or bad are kept in the outcome's text" }]);
  });
});

describe("MADR 2, 3 and 4 and adr-tools styles", () => {
  it("MADR 2: metadata bullets under the title, HTML comments in headings, positive/negative consequences", () => {
    const p = read("styles", "0021-use-postgresql-for-the-catalog.md");
    expect(p).toMatchObject({ number: 21, status: "accepted", date: "2019-04-03", supersededBy: null, warnings: [] });
    expect(p.content).toMatchObject({
      title: "Use PostgreSQL for the catalog",
      deciders: ["Ann Lee", "Bob Stone"],
      drivers: ["transactions across several tables", "the team knows SQL"],
      outcome: 'Chosen option: "PostgreSQL", because it gives transactions and the team knows it.',
      consequences: { positive: ["one backup procedure for everything"], negative: ["schema migrations to maintain"] },
      options: [
        { title: "PostgreSQL", pros: ["it has transactions"], cons: ["it needs migrations"] },
        { title: "MongoDB", pros: ["it is schema-less"], cons: ["multi-document transactions came late"] },
      ],
    });
    expect(p.content.context).toBe("The catalog needs transactions across services and edges. Which store should keep it?");
  });

  it("MADR 3: deciders, consulted, informed, Validation, Neutral arguments (kept or warned), code blocks are not sections", () => {
    const p = read("styles", "0022-partition-the-telemetry-table.md");
    expect(p).toMatchObject({ number: 22, status: "proposed", date: "2023-01-10" });
    expect(p.content).toMatchObject({
      deciders: ["Ann Lee", "Carla Diaz"],
      consulted: ["DBA team"],
      informed: ["everyone on call"],
      confirmation: "A daily job checks that tomorrow's partition exists.",
      consequences: { positive: ["retention is a DROP TABLE"], negative: ["a partition must exist before rows arrive"] },
    });
    expect(p.content.outcome).toBe('Chosen option: "Daily range partitions", because dropping a partition is instant.\n\nConsequences:\n\n* Neutral, because the application code does not change');
    expect(p.content.options.map((o) => o.title)).toEqual(["Daily range partitions", "One table with a nightly DELETE"]);
    expect(p.content.options[0]).toEqual({ title: "Daily range partitions", pros: ["old days are dropped at once"], cons: ["partitions have to be created ahead"] });
    expect(p.warnings.map((w) => w.path)).toEqual(["consequences", "options"]);
  });

  it("MADR 4: decision-makers, 'superseded by ADR-0024', Confirmation under the outcome", () => {
    const p = read("styles", "0023-authenticate-services-with-mtls.md");
    expect(p).toMatchObject({ number: 23, status: "superseded", supersededBy: 24, date: "2024-06-01", warnings: [] });
    expect(p.content).toMatchObject({
      deciders: ["Ann Lee", "carla@example.com"],
      consulted: ["Security guild"],
      informed: ["Platform team", "SRE"],
      drivers: ["zero-trust network policy"],
      confirmation: "The mesh dashboard shows 100 % mTLS traffic.",
    });
    expect(p.content.options).toHaveLength(2);
  });

  it("adr-tools: 'Superseded by [21. …](…)' links the successor; 'Supersedes' lines are not the status; day/month/year dates are read with a warning", () => {
    expect(read("styles", "0020-keep-the-catalog-in-yaml-files.md")).toMatchObject({ number: 20, status: "superseded", supersededBy: 21, date: "2018-11-05" });
    const newer = read("styles", "0024-authenticate-services-with-spiffe.md");
    expect(newer).toMatchObject({ number: 24, status: "accepted", supersededBy: null, date: "2025-02-21" });
    expect(newer.content.title).toBe("Authenticate services with SPIFFE");
    expect(newer.warnings[0]).toEqual({ path: "date", message: 'Date "21/02/2025" read as day/month/year (2025-02-21), adr-tools\' format before ISO 8601' });
  });

  it.each(records("styles"))("%s re-exports as MADR 4 and re-imports unchanged", (file) => {
    const p = read("styles", file);
    const view: DecisionView = {
      ...p.content,
      number: p.number,
      id: "x",
      label: "",
      status: p.status,
      author: p.author,
      revision: 1,
      supersedes: null,
      supersededBy: p.supersededBy,
      teams: [],
      createdAt: `${p.date}T00:00:00.000Z`,
      updatedAt: `${p.date}T00:00:00.000Z`,
      proposedAt: null,
      decidedAt: null,
    };
    const md = toMadr(view);
    const again = parseMadr(madrFileName(p.number, p.content.title), md);
    expect({ ...again, warnings: [] }).toEqual({ ...p, warnings: [] });
    expect(again.warnings).toEqual([]);
    expect(toMadr({ ...view, ...again.content })).toBe(md);
  });
});

describe("MADR file names", () => {
  it.each([
    [5, "Use dashes in filenames", "0005-use-dashes-in-filenames.md"],
    [12, "Authorize payments asynchronously (PSP v2)!", "0012-authorize-payments-asynchronously-psp-v2.md"],
    [3, "Café à l'écoute", "0003-cafe-a-l-ecoute.md"],
    [7, "日本語", "0007.md"],
    [12345, "x", "12345-x.md"],
  ])("%s %s → %s", (n, title, name) => {
    expect(madrFileName(n, title)).toBe(name);
  });
});
