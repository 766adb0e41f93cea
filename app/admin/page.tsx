import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { RUN_STATES, type RunState } from "@/db/schema";
import { latestAdminActions, type AuditEntry } from "@/lib/admin/audit";
import { listUsers } from "@/lib/admin/roles";
import { requireAllowed } from "@/lib/auth";
import { PAGE_RULES } from "@/lib/auth/policy";
import { hiddenEntries, runCountsByState, runsInState } from "@/lib/entries/admin";
import { formatTime } from "@/lib/text/time";
import { RoleButton } from "./role-button";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  await requireAllowed(PAGE_RULES["/admin"], "/admin");
  const requested = (await searchParams).state;
  const state: RunState = (RUN_STATES as readonly string[]).includes(requested ?? "") ? (requested as RunState) : "failed";
  const [people, hidden, counts, listed, audit] = await Promise.all([listUsers(), hiddenEntries(), runCountsByState(), runsInState(state), latestAdminActions()]);

  return (
    <div className="space-y-10">
      <h1>Admin</h1>

      <section className="space-y-3">
        <h2>Runs by state</h2>
        <nav aria-label="Run states" className="flex flex-wrap gap-2 text-sm">
          {RUN_STATES.map((s) => (
            <Link
              key={s}
              href={`/admin?state=${s}`}
              aria-current={s === state ? "page" : undefined}
              className={`rounded border px-2 py-1 ${s === state ? "border-stone-900 bg-stone-900 text-white" : "border-stone-300 bg-white"}`}
            >
              {s.replace("_", " ")}: {counts[s]}
            </Link>
          ))}
        </nav>
        {listed.length === 0 ? (
          <p className="text-sm text-stone-500">No {state.replace("_", " ")} runs.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {listed.map((run) => (
              <li key={run.id}>
                <Link href={`/entries/${run.entryId}`}>{run.entryName}</Link> · {run.reason} · queued {formatTime(run.queuedAt)}
                {run.error && <span className="text-red-700"> · {run.errorKind ? `${run.errorKind}: ` : ""}{run.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-3">
        <h2>Hidden entries</h2>
        {hidden.length === 0 ? (
          <p className="text-sm text-stone-500">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {hidden.map((entry) => (
              <li key={entry.id}>
                <Link href={`/entries/${entry.id}`}>{entry.name}</Link> by <Link href={`/participants/${entry.ownerId}`}>{entry.ownerName}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-3">
        <h2>People and roles</h2>
        <DataTable columns={["Name", "Email", "Role", ""]} className="w-full max-w-3xl text-sm">
          {people.map((person) => (
            <tr key={person.id} className="border-t border-stone-100">
              <td className="py-1.5">
                <Link href={`/participants/${person.id}`}>{person.name}</Link>
              </td>
              <td className="py-1.5 text-stone-600">{person.email ?? "–"}</td>
              <td className="py-1.5">{person.role}</td>
              <td className="py-1.5 text-right">
                <RoleButton userId={person.id} role={person.role} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-label="Audit log" className="space-y-3">
        <h2>Audit log</h2>
        {audit.length === 0 ? (
          <p className="text-sm text-stone-500">No admin actions yet.</p>
        ) : (
          <DataTable columns={["When", "Who", "Action", "Target", "Reason"]}>
            {audit.map((row) => (
              <tr key={row.id} className="border-t border-stone-100 align-top">
                <td className="py-1.5 whitespace-nowrap text-stone-600">{formatTime(row.at)}</td>
                <td className="py-1.5">{row.actorId ? <Link href={`/participants/${row.actorId}`}>{row.actorName}</Link> : "–"}</td>
                <td className="py-1.5">{row.action.replaceAll("_", " ")}</td>
                <td className="py-1.5">
                  <AuditTarget row={row} />
                </td>
                <td className="py-1.5 text-stone-600">{row.reason ?? "–"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

/** The action's target, linked to its page: an entry (a run links to its entry) or a participant. */
function AuditTarget({ row }: { row: AuditEntry }) {
  const label = `${row.targetType} ${row.targetName ?? row.targetId}`;
  if (row.targetType === "user") return <Link href={`/participants/${row.targetId}`}>{label}</Link>;
  if (row.entryId) return <Link href={`/entries/${row.entryId}`}>{label}</Link>;
  return <>{label}</>;
}
