import type { CatwalkEnv } from "@/lib/env";

type HeadersEnv = Pick<CatwalkEnv, "NODE_ENV" | "NEXTAUTH_URL">;

/** A fresh, unguessable nonce for one response's scripts (128 random bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function isHttpsSite(env: HeadersEnv): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/**
 * The Content-Security-Policy of every response. Scripts run only with this response's nonce (Next
 * adds it to its own scripts when it finds it in the request's policy) or when loaded by such a
 * script ('strict-dynamic'). Styles allow 'unsafe-inline' because React renders `style` attributes
 * (progress bars, the confusion matrix, the curves' legend), which a nonce cannot cover.
 */
export function contentSecurityPolicy(nonce: string, env: HeadersEnv): string {
  const development = env.NODE_ENV === "development";
  const directives = [
    "default-src 'self'",
    // React in development rebuilds server error stacks with eval; production never needs it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttpsSite(env) ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The security headers of every response, the policy included. */
export function securityHeaders(nonce: string, env: HeadersEnv): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, env),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(isHttpsSite(env) ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
