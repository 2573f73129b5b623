// Cursors of lists computed or sorted as a whole: opaque to clients, inside the offset of the next page.
import { AppError } from "@/lib/errors";

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new AppError("bad_request", "The cursor is not one this API returned");
  return Number(match[1]);
}

export const encodeOffsetCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
