// Preloaded into the server's node processes by `npm run bench -- soak` (NODE_OPTIONS=--require):
// appends process.memoryUsage() to $EDGEWISE_HEAP_LOG.<pid> every second, and on SIGUSR2 writes a
// heap snapshot to $EDGEWISE_HEAP_LOG.<pid>.<n>.heapsnapshot (after a full GC when exposed), so the
// bench can tell heap from RSS and compare what the heap holds before and after. Bench use only.
const fs = require("node:fs");
const v8 = require("node:v8");

const base = process.env.EDGEWISE_HEAP_LOG;
if (base) {
  const file = `${base}.${process.pid}`;
  const started = Date.now();
  const line = () => {
    const m = process.memoryUsage();
    fs.appendFileSync(file, `${JSON.stringify({ atMs: Date.now() - started, argv: process.argv.slice(1, 3).join(" "), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  };
  setInterval(line, 1000).unref();
  let n = 0;
  process.on("SIGUSR2", () => {
    if (typeof global.gc === "function") global.gc();
    const path = `${file}.${++n}.heapsnapshot`;
    v8.writeHeapSnapshot(path);
    fs.appendFileSync(`${path}.done`, "");
  });
}
