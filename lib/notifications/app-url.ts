// The app's public base URL, for the absolute links events carry (and Alertmanager's generatorURL).
import { env } from "@/lib/env";

export function appUrl(): string {
  const e = env();
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
