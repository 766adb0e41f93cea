import type { Metadata } from "next";
import { signInChoices } from "@/lib/auth/options";
import { LocalSignInForm, OAuthButton } from "./sign-in-buttons";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Enter a name or an email: at most 80 visible characters, without control or text-direction characters.",
  OAuthAccountNotLinked: "That account could not be linked.",
};

/** Only same-site paths: a callbackUrl pointing elsewhere would make this page an open redirect. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed; try again.") : null;
  const choices = signInChoices(process.env);
  const oauth = choices.filter((choice) => choice.type === "oauth");
  const local = choices.some((choice) => choice.type === "local");

  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1>Sign in</h1>
      {error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {choices.length === 0 && (
        <p className="text-sm text-stone-600">
          No sign-in method is configured. Set GITHUB_ID and GITHUB_SECRET, or OIDC_ISSUER, OIDC_CLIENT_ID and
          OIDC_CLIENT_SECRET (see the README).
        </p>
      )}
      {oauth.length > 0 && (
        <div className="space-y-2">
          {oauth.map((choice) => (
            <OAuthButton key={choice.id} id={choice.id} name={choice.name} callbackUrl={callbackUrl} />
          ))}
        </div>
      )}
      {local && (
        <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
          <p className="text-xs text-stone-500">
            Local sign-in: this Catwalk runs on your own machine, so a name is enough. The first local user is an admin.
          </p>
          <LocalSignInForm callbackUrl={callbackUrl} />
        </div>
      )}
    </div>
  );
}
