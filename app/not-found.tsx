import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1>Not found</h1>
      <p className="text-stone-600">There is nothing here, or it is not yours to see.</p>
      <Link href="/">Back to the boards</Link>
    </div>
  );
}
