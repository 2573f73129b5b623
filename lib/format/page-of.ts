// One page of a list for display (pure): a large estate renders a page of rows, not all of them.

export interface PageOf<T> {
  items: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown (0 and 0 when there is none). */
  from: number;
  to: number;
}

export function pageOf<T>(items: T[], page: number, size: number): PageOf<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const shown = items.slice((current - 1) * size, current * size);
  const from = shown.length ? (current - 1) * size + 1 : 0;
  return { items: shown, page: current, pages, from, to: from ? from + shown.length - 1 : 0 };
}
