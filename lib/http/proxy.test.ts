import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { proxy } from "@/proxy";

const SITE = "http://127.0.0.1:3000";
const SECRET = "proxy-test-secret";

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", SITE);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("CATWALK_LOCAL_SIGNIN", "0");
  vi.stubEnv("CATWALK_TRUST_PROXY", "0");
});
afterEach(() => vi.unstubAllEnvs());

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): NextRequest {
  return new NextRequest(new URL(path, SITE), { method: init.method ?? "GET", headers: { host: "127.0.0.1:3000", ...init.headers }, body: init.body });
}

/** Whether the proxy let the request through to the page or route (rather than answering it itself). */
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

async function sessionCookie(userId: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { sub: userId }, secret: SECRET })}`;
}

let addressCounter = 0;
/** A fresh client address per test, so that tests never share a bucket of the process-wide limiter. */
function freshAddress(): string {
  addressCounter += 1;
  return `203.0.113.${addressCounter}`;
}

describe("the Host check while the name-only sign-in is on", () => {
  beforeEach(() => vi.stubEnv("CATWALK_LOCAL_SIGNIN", "1"));

  test("a foreign Host (DNS rebinding) is refused with 421", async () => {
    const response = await proxy(request("/api/auth/callback/local", { method: "POST", headers: { host: "evil.example" } }));
    expect(response.status).toBe(421);
    expect((await response.json()).message).toMatch(/^Host: .*"evil\.example"/);
  });

  test.each(["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "localhost"])("Host %s is served", async (host) => {
    expect(passedOn(await proxy(request("/", { headers: { host } })))).toBe(true);
  });

  test.each(["evil.example@127.0.0.1", "127.0.0.1.evil.example", "localhost.", ""])("Host %j is refused", async (host) => {
    expect((await proxy(request("/", { headers: { host } }))).status).toBe(421);
  });

  test("without the name-only sign-in any Host is served (a public deployment has its own name)", async () => {
    vi.stubEnv("CATWALK_LOCAL_SIGNIN", "0");
    expect(passedOn(await proxy(request("/", { headers: { host: "catwalk.example" } })))).toBe(true);
  });
});

describe("security headers", () => {
  test("every response carries a nonce-based policy, also forwarded to the page so that Next can put the nonce on its scripts", async () => {
    const first = await proxy(request("/"));
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const directives = Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive]));
    expect(directives["script-src"]).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(directives["frame-ancestors"]).toBe("frame-ancestors 'none'");
    expect(directives["object-src"]).toBe("object-src 'none'");
    expect(directives["base-uri"]).toBe("base-uri 'self'");
    expect(directives["form-action"]).toBe("form-action 'self'");
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("strict-transport-security")).toBeNull();

    const second = await proxy(request("/"));
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  test("refusals carry the headers too, and HSTS is sent when the site's URL is https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://catwalk.example");
    const response = await proxy(request("/api/entries", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }));
    expect(response.status).toBe(415);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("cross-site writes to the API", () => {
  const json = { "content-type": "application/json" };

  test("a text/plain body is refused with 415 naming Content-Type", async () => {
    const response = await proxy(request("/api/entries", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }));
    expect(response.status).toBe(415);
    expect((await response.json()).message).toMatch(/^Content-Type: send the body as application\/json, not text\/plain/);
  });

  test("a signed-in request from another origin (another port of the same host) is refused with 403", async () => {
    const cookie = await sessionCookie("user-cross-site");
    const response = await proxy(
      request("/api/entries", { method: "POST", headers: { ...json, cookie, origin: "http://127.0.0.1:4000" }, body: "{}" }),
    );
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/^Origin: .*http:\/\/127\.0\.0\.1:4000/);
  });

  test("without Origin, Sec-Fetch-Site or the Referer decides", async () => {
    const cookie = await sessionCookie("user-fetch-site");
    const crossSite = await proxy(request("/api/entries", { method: "POST", headers: { ...json, cookie, "sec-fetch-site": "same-site" }, body: "{}" }));
    expect(crossSite.status).toBe(403);
    const foreignReferer = await proxy(request("/api/entries", { method: "POST", headers: { ...json, cookie, referer: "http://evil.example/x" }, body: "{}" }));
    expect(foreignReferer.status).toBe(403);
  });

  test("the site's own JSON request goes through, as does next-auth's own POST (it has its CSRF token)", async () => {
    const cookie = await sessionCookie("user-same-site");
    expect(passedOn(await proxy(request("/api/entries", { method: "POST", headers: { ...json, cookie, origin: SITE }, body: "{}" })))).toBe(true);
    expect(
      passedOn(await proxy(request("/api/auth/signout", { method: "POST", headers: { cookie, origin: "http://evil.example", "content-type": "text/plain" } }))),
    ).toBe(true);
  });
});

describe("rate limits", () => {
  test("an address over the API limit gets 429 with Retry-After; another address does not", async () => {
    vi.stubEnv("CATWALK_TRUST_PROXY", "1");
    vi.stubEnv("CATWALK_RATE_API", "3/60");
    const from = (address: string) => request("/api/boards/5", { headers: { "x-forwarded-for": address } });
    const address = freshAddress();
    for (let i = 0; i < 3; i += 1) expect(passedOn(await proxy(from(address)))).toBe(true);
    const refused = await proxy(from(address));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await refused.json()).message).toMatch(/^Too many requests/);
    expect(passedOn(await proxy(from(freshAddress())))).toBe(true);
  });

  test("an account is limited across addresses", async () => {
    vi.stubEnv("CATWALK_TRUST_PROXY", "1");
    vi.stubEnv("CATWALK_RATE_API", "2/60");
    const cookie = await sessionCookie("user-across-addresses");
    const asUser = () => request("/api/boards/5", { headers: { cookie, "x-forwarded-for": freshAddress() } });
    expect(passedOn(await proxy(asUser()))).toBe(true);
    expect(passedOn(await proxy(asUser()))).toBe(true);
    expect((await proxy(asUser())).status).toBe(429);
  });

  test("submissions have their own, tighter limit per account", async () => {
    vi.stubEnv("CATWALK_RATE_SUBMIT", "1/600");
    const cookie = await sessionCookie("user-submitting");
    const submit = () => request("/api/entries", { method: "POST", headers: { cookie, origin: SITE, "content-type": "application/json" }, body: "{}" });
    expect(passedOn(await proxy(submit()))).toBe(true);
    const refused = await proxy(submit());
    expect(refused.status).toBe(429);
    expect((await refused.json()).message).toMatch(/^Too many submissions/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
  });

  test("sign-in attempts are limited per address and per typed name", async () => {
    vi.stubEnv("CATWALK_TRUST_PROXY", "1");
    vi.stubEnv("CATWALK_RATE_SIGNIN", "2/60");
    const attempt = (address: string, name: string) =>
      request("/api/auth/callback/local", {
        method: "POST",
        headers: { "x-forwarded-for": address, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name, csrfToken: "x" }).toString(),
      });
    const address = freshAddress();
    expect(passedOn(await proxy(attempt(address, "ann")))).toBe(true);
    expect(passedOn(await proxy(attempt(address, "bob")))).toBe(true);
    expect((await proxy(attempt(address, "cy"))).status).toBe(429);
    // The same name from ever new addresses: the name's bucket is spent after two.
    expect(passedOn(await proxy(attempt(freshAddress(), "Dee")))).toBe(true);
    expect(passedOn(await proxy(attempt(freshAddress(), "dee")))).toBe(true);
    const refused = await proxy(attempt(freshAddress(), "DEE"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
  });

  test("with no trusted proxy the address is unknown: anonymous reads share no bucket, so no client can lock the others out", async () => {
    vi.stubEnv("CATWALK_RATE_API", "1/60");
    for (let i = 0; i < 5; i += 1) {
      expect(passedOn(await proxy(request("/api/boards/5", { headers: { "x-forwarded-for": freshAddress() } })))).toBe(true);
    }
  });
});
