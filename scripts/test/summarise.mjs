// Adds up the JSON reports of every suite into one closing line: "N passed, N failed, N skipped".
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "test-results";
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : []) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  let p = 0;
  let f = 0;
  let s = 0;
  if (report.stats && "expected" in report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky counts as failed (no retries here anyway).
    p = report.stats.expected;
    f = report.stats.unexpected + report.stats.flaky;
    s = report.stats.skipped;
  } else {
    // Vitest (Jest-compatible JSON).
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + report.numTodoTests;
  }
  lines.push(`  ${file.replace(/\.json$/, "").padEnd(22)} ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log("Test summary:");
console.log(lines.join("\n"));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
