import Link from "next/link";

export default function JourneyNotFound() {
  return (
    <div className="card empty">
      <h2>No such journey</h2>
      <p>It may have been renamed or deleted.</p>
      <Link className="btn" href="/journeys">
        All journeys
      </Link>
    </div>
  );
}
