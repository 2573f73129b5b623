// Loading and error states shared by client-rendered lists.
export function LoadingRows({ rows = 3 }: { rows?: number }) {
  return (
    <div className="card" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ margin: ".6rem 0", width: `${90 - i * 12}%` }} />
      ))}
    </div>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <div className="notice notice-danger" role="alert">
      {error instanceof Error ? error.message : "Something went wrong"}
    </div>
  );
}
