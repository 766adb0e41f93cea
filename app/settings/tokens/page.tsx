import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { requireAllowed } from "@/lib/auth";
import { listApiTokens, TOKEN_NAME_MAX_LENGTH } from "@/lib/auth/api-tokens";
import { PAGE_RULES } from "@/lib/auth/policy";
import { formatTime } from "@/lib/text/time";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const user = await requireAllowed(PAGE_RULES["/settings/tokens"], "/settings/tokens");
  const tokens = await listApiTokens(user.id);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1>API tokens</h1>
        <p className="max-w-prose text-sm text-stone-600">
          A personal token lets a script submit entries as you, with <code>Authorization: Bearer &lt;token&gt;</code> on{" "}
          <code>POST /api/entries</code>. It has your quotas and rate limits. Catwalk keeps only a hash: the token is shown once, when
          you create it. Revoke a token you no longer use or may have leaked.
        </p>
      </div>

      <section aria-labelledby="new-token" className="space-y-3">
        <h2 id="new-token">New token</h2>
        <CreateTokenForm maxNameLength={TOKEN_NAME_MAX_LENGTH} />
      </section>

      <section aria-labelledby="your-tokens" className="space-y-3">
        <h2 id="your-tokens">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-stone-500">No tokens yet.</p>
        ) : (
          <DataTable columns={["Name", "Starts with", "Created", "Last used", "Status"]}>
            {tokens.map((token) => (
              <tr key={token.id} className="border-t border-stone-200 align-middle">
                <td className="py-2 pr-4">{token.name}</td>
                <td className="py-2 pr-4 font-mono">{token.prefix}…</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatTime(token.createdAt)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{token.lastUsedAt ? formatTime(token.lastUsedAt) : "never"}</td>
                <td className="py-2 pr-4">
                  {token.revokedAt ? <span className="text-stone-600">revoked {formatTime(token.revokedAt)}</span> : <RevokeTokenButton tokenId={token.id} name={token.name} />}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
