// Reads a request body up to a limit, decompressing gzip as it goes, so an oversized body — or a
// small gzip bomb — is cut off at the limit instead of being held in memory whole.
import { createGunzip } from "node:zlib";
import { AppError } from "@/lib/errors";

export async function readLimitedBody(req: Request, limitBytes: number): Promise<Buffer> {
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity") throw new AppError("unsupported_media_type", `Content-Encoding ${encoding} is not supported; send gzip or none`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (encoding === "identity" && declared > limitBytes) throw new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes`);
  if (!req.body) return Buffer.alloc(0);

  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes${encoding === "gzip" ? " once decompressed" : ""}`);
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge();
    chunks.push(chunk);
  };
  const reader = req.body.getReader();
  if (encoding === "identity") {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      keep(Buffer.from(value));
    }
    return Buffer.concat(chunks);
  }
  const gunzip = createGunzip();
  const finished = new Promise<void>((resolve, reject) => {
    gunzip.on("data", (chunk: Buffer) => {
      try {
        keep(chunk);
      } catch (err) {
        gunzip.destroy();
        reject(err);
      }
    });
    gunzip.on("end", resolve);
    gunzip.on("error", () => reject(new AppError("bad_request", "The body is not valid gzip")));
  });
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection while feeding
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (gunzip.destroyed) break;
      // Wait for room, or for the end: a destroyed stream (limit hit, bad gzip) never drains.
      if (!gunzip.write(Buffer.from(value))) await Promise.race([new Promise((r) => gunzip.once("drain", r)), finished]);
    }
    if (!gunzip.destroyed) gunzip.end();
  } finally {
    reader.releaseLock();
  }
  await finished;
  return Buffer.concat(chunks);
}
