import { LoadingRows } from "@/components/ui/states";

export default function Loading() {
  return (
    <>
      <div className="page-header" aria-hidden>
        <div className="skeleton" style={{ height: "1.6rem", width: "12rem" }} />
      </div>
      <div className="grid-cards" aria-hidden>
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="card skeleton" style={{ height: "5.5rem" }} />
        ))}
      </div>
      <LoadingRows rows={4} />
    </>
  );
}
