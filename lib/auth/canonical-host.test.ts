import { describe, expect, test } from "vitest";
import { canonicalLoopbackUrl, isPageNavigation, REQUEST_PATH_HEADER } from "./canonical-host";

const LOCALHOST = { NEXTAUTH_URL: "http://localhost:3000" };

describe("canonicalLoopbackUrl", () => {
  test("the other loopback name on NEXTAUTH_URL's port moves to NEXTAUTH_URL's origin, path and query kept", () => {
    expect(canonicalLoopbackUrl("127.0.0.1:3000", "/submit?from=x", LOCALHOST)).toBe("http://localhost:3000/submit?from=x");
    expect(canonicalLoopbackUrl("[::1]:3000", "/", LOCALHOST)).toBe("http://localhost:3000/");
    expect(canonicalLoopbackUrl("localhost:3100", "/signin", { NEXTAUTH_URL: "http://127.0.0.1:3100" })).toBe("http://127.0.0.1:3100/signin");
  });

  test("a request already on NEXTAUTH_URL's host stays", () => {
    expect(canonicalLoopbackUrl("localhost:3000", "/", LOCALHOST)).toBeNull();
  });

  test("another port, a public host, a public NEXTAUTH_URL or none: nothing is rewritten", () => {
    expect(canonicalLoopbackUrl("127.0.0.1:3001", "/", LOCALHOST)).toBeNull();
    expect(canonicalLoopbackUrl("catwalk.example", "/", LOCALHOST)).toBeNull();
    expect(canonicalLoopbackUrl("127.0.0.1:443", "/", { NEXTAUTH_URL: "https://catwalk.example" })).toBeNull();
    expect(canonicalLoopbackUrl("127.0.0.1:3000", "/", {})).toBeNull();
    expect(canonicalLoopbackUrl(null, "/", LOCALHOST)).toBeNull();
  });

  test("a path that is not one (//evil.example) never becomes another origin", () => {
    expect(canonicalLoopbackUrl("127.0.0.1:3000", "//evil.example/x", LOCALHOST)).toBe("http://localhost:3000//evil.example/x");
    expect(new URL(canonicalLoopbackUrl("127.0.0.1:3000", "//evil.example/x", LOCALHOST)!).host).toBe("localhost:3000");
  });
});

describe("isPageNavigation", () => {
  test("a browser's document navigation is one; its fetches, scripts and writes are not", () => {
    expect(isPageNavigation("GET", new Headers({ "sec-fetch-mode": "navigate" }))).toBe(true);
    expect(isPageNavigation("GET", new Headers({ "sec-fetch-mode": "cors", accept: "text/html" }))).toBe(false);
    expect(isPageNavigation("POST", new Headers({ "sec-fetch-mode": "navigate" }))).toBe(false);
    expect(isPageNavigation("GET", new Headers({ accept: "text/html,application/xhtml+xml" }))).toBe(true);
    expect(isPageNavigation("GET", new Headers({ accept: "*/*" }))).toBe(false);
  });
});

describe("the proxy", () => {
  test("tells the pages the path and query asked for, whatever the client claimed", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const response = await proxy(
      new NextRequest("http://127.0.0.1:3000/submit?from=x", { headers: { host: "127.0.0.1:3000", [REQUEST_PATH_HEADER]: "/elsewhere" } }),
    );
    expect(response.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/submit?from=x");
  });
});
