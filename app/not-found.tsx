import Link from "next/link";

export default function NotFound() {
  return (
    <main className="main">
      <div className="card empty">
        <h2>Page not found</h2>
        <p>There is nothing at this address.</p>
        <Link className="btn" href="/">Back to the overview</Link>
      </div>
    </main>
  );
}
