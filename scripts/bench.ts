// `npm run bench -- <name>`: runs one benchmark script from scripts/bench/ and prints its figures
// (and writes them to bench-results/<name>.json). Benchmarks never run inside the test suite.
import fs from "node:fs";
import path from "node:path";

const available = fs.readdirSync(path.join(import.meta.dirname, "bench")).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join("|")}>`);
  process.exit(2);
}
const { run } = (await import(`./bench/${name}.ts`)) as { run: () => Promise<Record<string, unknown>> };
const figures = await run();
fs.mkdirSync("bench-results", { recursive: true });
fs.writeFileSync(path.join("bench-results", `${name}.json`), JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2));
console.log(`\nWrote bench-results/${name}.json`);
// Fault scripts report the properties they found violated; any makes the run fail.
const violations = (figures as { violations?: string[] }).violations ?? [];
if (violations.length) {
  console.error(`\n${name}: ${violations.length} violation(s)`);
  process.exit(1);
}
