import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth";
import { moveToCanonicalHost } from "@/lib/auth/canonical-redirect";
import { SignOutButton } from "./_components/sign-out-button";
import { ZodWithoutEval } from "./_components/zod-without-eval";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Catwalk — the verified Fashion-MNIST leaderboard", template: "%s · Catwalk" },
  description: "Submit a model config; Catwalk trains it on Fashion-MNIST under 5, 20 and 50 epochs and ranks the verified results.",
};

const NAV = [
  { href: "/", label: "Boards" },
  { href: "/submit", label: "Submit" },
  { href: "/queue", label: "Queue" },
  { href: "/spec", label: "Spec" },
];

export default async function RootLayout({ children }: { children: ReactNode }) {
  await moveToCanonicalHost();
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans">
        <ZodWithoutEval />
        <a
          href="#main"
          className="sr-only rounded bg-stone-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
        >
          Skip to main content
        </a>
        <header className="border-b border-stone-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm">
            <Link href="/" className="text-lg font-bold tracking-tight text-stone-900 no-underline hover:no-underline">
              Catwalk
            </Link>
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="text-stone-700">
                {item.label}
              </Link>
            ))}
            {user?.role === "admin" && (
              <Link href="/admin" className="text-stone-700">
                Admin
              </Link>
            )}
            <div className="ml-auto flex items-center gap-4">
              {user ? (
                <>
                  <Link href={`/participants/${user.id}`} className="font-medium text-stone-900" data-testid="current-user">
                    {user.name}
                  </Link>
                  <Link href="/settings/tokens" className="text-stone-700">
                    API tokens
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/signin">Sign in</Link>
              )}
            </div>
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-8 focus:outline-none">{children}</main>
        <footer className="border-t border-stone-200 px-4 py-6 text-center text-xs text-stone-600">
          Catwalk — the verified community leaderboard for the Fashion-MNIST challenge. Every ranked number was trained and
          measured by Catwalk&apos;s workers on the 10,000 test images.
        </footer>
      </body>
    </html>
  );
}
