// Builds the map harness pages with esbuild and serves them on loopback with the app's CSP, so the
// benchmark exercises the component under the same script and style rules as production.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { build } from "esbuild";

const harnessDir = import.meta.dirname;
const repoRoot = path.resolve(harnessDir, "../../..");

export async function buildHarness(outDir: string) {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { map: path.join(harnessDir, "entry.tsx"), compare: path.join(harnessDir, "layout-compare.ts") },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    metafile: true,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
    alias: { "next/navigation": path.join(harnessDir, "next-navigation.ts"), "next/link": path.join(harnessDir, "next-link.tsx") },
  });
  // Bytes the map page loads up front (static imports) and later (the dynamic import of Cytoscape).
  const outputs = result.metafile.outputs;
  const reach = (file: string, kinds: string[], seen = new Set<string>()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const i of outputs[file]?.imports ?? []) if (kinds.includes(i.kind)) reach(i.path, kinds, seen);
    return seen;
  };
  const entry = Object.keys(outputs).find((f) => outputs[f]?.entryPoint?.endsWith("entry.tsx") && f.endsWith(".js"))!;
  const initial = reach(entry, ["import-statement"]);
  const all = reach(entry, ["import-statement", "dynamic-import"]);
  const kib = (files: Iterable<string>) => Math.round([...files].reduce((sum, f) => sum + (outputs[f]?.bytes ?? 0), 0) / 1024);
  return { mapPageInitialJsKiB: kib(initial), mapPageLazyJsKiB: kib([...all].filter((f) => !initial.has(f))) };
}

const CONTENT_TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html" };

function page(entry: string, nonce: string, withCss: boolean) {
  return `<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><title>map harness</title>${
    withCss ? `<link rel="stylesheet" href="/${entry}.css">` : ""
  }</head><body><main class="main"><div id="root"></div></main><script type="module" nonce="${nonce}" src="/${entry}.js"></script></body></html>`;
}

/** Serves outDir on 127.0.0.1 with a random port; `/` is the map page, `/compare` the layout comparison. */
export async function serveHarness(outDir: string) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const nonce = crypto.randomBytes(16).toString("base64");
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
    ].join("; ");
    if (url.pathname === "/" || url.pathname === "/compare") {
      const entry = url.pathname === "/" ? "map" : "compare";
      res.writeHead(200, { "content-type": "text/html", "content-security-policy": csp });
      res.end(page(entry, nonce, fs.existsSync(path.join(outDir, `${entry}.css`))));
      return;
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(outDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(outDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("harness server has no port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
