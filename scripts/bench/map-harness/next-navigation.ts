// Stand-in for next/navigation so the map runs outside Next: replace() edits the address bar like
// the App Router does; push() only records the destination (the harness has no other pages).
import { useMemo, useSyncExternalStore } from "react";

declare global {
  interface Window {
    __navigations?: string[];
  }
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const router = {
  push(href: string) {
    (window.__navigations ??= []).push(href);
  },
  replace(href: string) {
    history.replaceState(null, "", href);
    for (const listener of listeners) listener();
  },
  refresh() {},
  back() {},
  forward() {},
  prefetch() {},
};

export function useRouter() {
  return router;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname, () => "/");
}

export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => location.search, () => "");
  return useMemo(() => new URLSearchParams(search), [search]);
}
