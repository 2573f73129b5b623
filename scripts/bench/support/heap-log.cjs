// Preloaded into the server's node processes by `npm run bench -- soak` (NODE_OPTIONS=--require):
// appends process.memoryUsage() to $EDGEWISE_HEAP_LOG.<pid> every second, and on SIGUSR2 writes a
// heap snapshot to $EDGEWISE_HEAP_LOG.<pid>.<n>.heapsnapshot (after full GCs, with --expose-gc), so the
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
  // A full GC, a pause for the finalizers it queued (undici's Request keeps its signal's abort listener
  // until its FinalizationRegistry runs), another GC, then the snapshot: what is left is really held.
  process.on("SIGUSR2", () => {
    const path = `${file}.${++n}.heapsnapshot`;
    global.gc?.();
    setTimeout(() => {
      global.gc?.();
      v8.writeHeapSnapshot(path);
      fs.appendFileSync(`${path}.done`, "");
    }, 1000);
  });
}
