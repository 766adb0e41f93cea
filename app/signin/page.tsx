import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInChoices } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { LocalSignInForm, OAuthButton } from "./sign-in-buttons";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Enter a name or an email: at most 80 visible characters, without control or text-direction characters.",
  OAuthAccountNotLinked: "That account could not be linked.",
  // Set below: the sign-in answered, but the browser came back without the session.
  NotKept:
    "You are still signed out: the sign-in went through, but this browser did not keep its cookie. Allow cookies for this site and sign in again.",
};

/**
 * Every sign-in comes back here first (with check=1), so that one that did not take (a cookie the
 * browser refused or sent to another host) says so instead of silently showing the form again.
 */
function landingUrl(callbackUrl: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl, check: "1" })}`;
}

/** NEXTAUTH_URL's origin: next-auth hands a failed attempt's callbackUrl back as an absolute URL on it. */
function siteOrigin(): string | null {
  const { NEXTAUTH_URL } = env();
  return NEXTAUTH_URL ? new URL(NEXTAUTH_URL).origin : null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null, siteOrigin());
  const returned = params.check === "1";
  if (returned && (await getCurrentUser())) redirect(callbackUrl);
  const errorCode = typeof params.error === "string" ? params.error : returned ? "NotKept" : null;
  const error = errorCode === null ? null : (ERRORS[errorCode] ?? "Sign-in failed; try again.");
  const choices = signInChoices(env());
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
            <OAuthButton key={choice.id} id={choice.id} name={choice.name} callbackUrl={landingUrl(callbackUrl)} />
          ))}
        </div>
      )}
      {local && (
        <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
          <p className="text-xs text-stone-500">
            Local sign-in: this Catwalk runs on your own machine, so a name is enough. The first local user is an admin.
          </p>
          <LocalSignInForm callbackUrl={landingUrl(callbackUrl)} />
        </div>
      )}
    </div>
  );
}
