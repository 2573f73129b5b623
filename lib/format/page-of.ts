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

export type PageRange = Omit<PageOf<never>, "items"> & { /** 0-based index of the first item on the page. */ offset: number };

/** Which page of `total` items to show, with the requested page clamped to the pages there are. */
export function pageRange(total: number, page: number, size: number): PageRange {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const offset = (current - 1) * size;
  const shown = Math.max(0, Math.min(size, total - offset));
  const from = shown ? offset + 1 : 0;
  return { page: current, pages, from, to: from ? from + shown - 1 : 0, offset };
}

export function pageOf<T>(items: T[], page: number, size: number): PageOf<T> {
  const { offset, ...range } = pageRange(items.length, page, size);
  return { items: items.slice(offset, offset + size), ...range };
}
