// Where to send a user after sign-in: only a path on this site, never another origin.

/** An open redirect would let a phishing link bounce through our sign-in page. */
export function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  // Backslashes and control characters are read by browsers as "//": another host.
  if (!v || !v.startsWith("/") || /[\\\u0000-\u001f]/.test(v)) return "/";
  const base = "http://edgewise.invalid";
  const url = new URL(v, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
}
