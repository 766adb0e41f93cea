import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { BUDGETS, formatAccuracy } from "@/lib/boards/format";
import { getParticipant } from "@/lib/entries/entry";
import { formatDate } from "@/lib/text/time";

export const dynamic = "force-dynamic";

export default async function ParticipantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  // PAGE_RULES "/participants/[id]": public; hidden entries are listed only for their owner and admins.
  const participant = await getParticipant(id, viewer);
  if (!participant) notFound();

  return (
    <div className="space-y-6">
      <div>
        <h1>{participant.name}</h1>
        <p className="text-sm text-stone-600">
          {participant.role === "admin" ? "Admin · " : ""}joined {formatDate(participant.joinedAt)}
        </p>
      </div>
      <section className="space-y-2">
        <h2>Entries</h2>
        {participant.entries.length === 0 ? (
          <p className="text-sm text-stone-500">No entries yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full max-w-3xl text-sm">
              <thead>
                <tr className="text-left text-xs uppercase tracking-wide text-stone-500">
                  <th scope="col" className="py-1 font-medium">Entry</th>
                  {BUDGETS.map((budget) => (
                    <th key={budget} scope="col" className="py-1 text-right font-medium">
                      Best at {budget}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {participant.entries.map((entry) => (
                  <tr key={entry.id} className="border-t border-stone-100">
                    <td className="py-2">
                      <Link href={`/entries/${entry.id}`}>{entry.name}</Link>
                      {entry.hidden && <span className="ml-2 text-xs text-stone-500">(hidden)</span>}
                    </td>
                    {BUDGETS.map((budget) => (
                      <td key={budget} className="py-2 text-right tabular-nums">
                        {formatAccuracy(entry.best[budget] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="text-xs text-stone-500">Best verified full-data test accuracy per budget, in percent.</p>
      </section>
    </div>
  );
}
