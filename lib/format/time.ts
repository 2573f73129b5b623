// One way to write an instant on screen: "2026-12-03 17:59 UTC" (or with seconds), in UTC or in an
// IANA time zone the viewer chose ("2026-12-03 23:29 UTC+05:30"), and the same instant as ISO 8601
// with that zone's offset for files. Pure: the zone is always passed in, never read from the machine.

/** `at` (ISO text or epoch milliseconds) as `YYYY-MM-DD HH:MM UTC`, or `…:SS UTC` with `seconds`. */
export function formatUtc(at: string | number, { seconds = false }: { seconds?: boolean } = {}): string {
  return `${new Date(at).toISOString().replace("T", " ").slice(0, seconds ? 19 : 16)} UTC`;
}

export const UTC_ZONE = "UTC";
const DAY_MS = 86_400_000;

/** An instant's wall clock in a zone, as `YYYY-MM-DDTHH:MM:SS` text, and the zone's offset there. */
export interface ZoneClock {
  wall: string;
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA zone this runtime knows (an unknown one would throw when formatting). */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function zoneClock(at: string | number, zone: string): ZoneClock {
  const ms = new Date(at).getTime();
  if (zone === UTC_ZONE) return { wall: new Date(ms).toISOString().slice(0, 19), offsetMinutes: 0 };
  const part: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(ms)) part[p.type] = p.value;
  const wall = `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return { wall, offsetMinutes: Math.round((Date.parse(`${wall}Z`) - wholeSecond) / 60_000) };
}

/** `+05:30`, `-03:00` (ISO 8601); `Z` for no offset only when `z` is set. */
function offsetText(minutes: number, z: boolean): string {
  if (minutes === 0 && z) return "Z";
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The zone's name on screen: `UTC`, or the offset from it at that instant (`UTC+05:30`). */
export function zoneLabel(at: string | number, zone: string): string {
  if (zone === UTC_ZONE) return "UTC";
  const { offsetMinutes } = zoneClock(at, zone);
  return offsetMinutes === 0 ? "UTC" : `UTC${offsetText(offsetMinutes, false)}`;
}

/** `at` as `YYYY-MM-DD HH:MM <zone>` (or with seconds) in `zone`; in UTC exactly what formatUtc writes. */
export function formatInZone(at: string | number, zone: string, { seconds = false }: { seconds?: boolean } = {}): string {
  const { wall, offsetMinutes } = zoneClock(at, zone);
  return `${wall.replace("T", " ").slice(0, seconds ? 19 : 16)} ${offsetMinutes === 0 ? "UTC" : `UTC${offsetText(offsetMinutes, false)}`}`;
}

/** ISO 8601 with the zone's offset (`2026-12-03T23:29:31+05:30`; `…Z` in UTC): the same instant, read back by Date.parse. */
export function isoInZone(at: string | number, zone: string): string {
  const { wall, offsetMinutes } = zoneClock(at, zone);
  return `${wall}${offsetText(offsetMinutes, true)}`;
}

/**
 * The instant a wall clock (`YYYY-MM-DDTHH:MM[:SS]`, as a datetime-local input gives it) names in `zone`;
 * NaN for text that is not one. A time the zone skips (a DST gap) is read with the offset before the
 * gap, so it lands just after it; a time it repeats (the hour after a gap closes) is its first occurrence.
 */
export function wallToInstant(wall: string, zone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(wall)) return Number.NaN;
  const asUtc = Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}Z`);
  if (!Number.isFinite(asUtc) || zone === UTC_ZONE) return asUtc;
  // The instant lies within 14 h of the wall clock read as UTC, so the zone's offsets a day either side
  // (and at it) are every offset it can have: the earliest instant that keeps its own offset wins.
  const earlier = zoneClock(asUtc - DAY_MS, zone).offsetMinutes;
  const offsets = [...new Set([earlier, zoneClock(asUtc, zone).offsetMinutes, zoneClock(asUtc + DAY_MS, zone).offsetMinutes])].sort((a, b) => b - a);
  for (const offset of offsets) {
    const at = asUtc - offset * 60_000;
    if (zoneClock(at, zone).offsetMinutes === offset) return at;
  }
  return asUtc - earlier * 60_000;
}
