// One way to write an instant on screen: "2026-12-03 17:59 UTC" (or with seconds), whatever the viewer's zone.

/** `at` (ISO text or epoch milliseconds) as `YYYY-MM-DD HH:MM UTC`, or `…:SS UTC` with `seconds`. */
export function formatUtc(at: string | number, { seconds = false }: { seconds?: boolean } = {}): string {
  return `${new Date(at).toISOString().replace("T", " ").slice(0, seconds ? 19 : 16)} UTC`;
}
