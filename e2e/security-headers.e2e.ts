import http from "node:http";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";
import { specEditor } from "./submit-support";

/** A GET with a Host header of our choosing (a browser led here through DNS rebinding sends the attacker's name). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

test("/ carries a nonce-based Content-Security-Policy and the other security headers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The e2e site runs on http://127.0.0.1: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Next put this response's nonce on every script it rendered.
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

test("an anonymous page served from memory still has a fresh nonce per response, on its scripts too", async ({ request }) => {
  const nonces: string[] = [];
  const sources: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const response = await request.get("/");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
    sources.push(response.headers()["x-catwalk-cache"] ?? "rendered");
  }
  expect(new Set(nonces).size).toBe(5);
  // The later views came from memory (the first may have rendered it).
  expect(sources.slice(1)).toContain("hit");
});

test("pages hydrate and sign-in works under the policy, with no violation reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation on ${location.pathname}: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  // The sign-in form is client-side JavaScript (next-auth's signIn): it works only once the page has hydrated.
  await signIn(page, "csp-checker");
  await page.goto("/submit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The JSON editor (CodeMirror) loads after the page and adds its own styles.
  await expect(specEditor(page)).toBeVisible();
  await signOut(page);
  expect(violations).toEqual([]);
});

test("with the local sign-in on, a request with a foreign Host is refused and a loopback Host is served", async ({ baseURL }) => {
  const refused = await getWithHost(`${baseURL}/`, "evil.example");
  expect(refused.status).toBe(421);
  expect(JSON.parse(refused.body).message).toMatch(/^Host: /);
  const served = await getWithHost(`${baseURL}/api/boards/5`, new URL(baseURL!).host);
  expect(served.status).toBe(200);
});

test("a cross-site or non-JSON POST to /api/entries is refused before it reaches the route", async ({ page, baseURL }) => {
  await signIn(page, "csrf-target");
  const plain = await page.request.post("/api/entries", { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(plain.status()).toBe(415);
  expect((await plain.json()).message).toMatch(/^Content-Type: /);
  // Another port of the same host is another origin.
  const otherPort = new URL(baseURL!);
  otherPort.port = String(Number(otherPort.port) + 1);
  const crossSite = await page.request.post("/api/entries", {
    headers: { "content-type": "application/json", origin: otherPort.origin },
    data: { name: "forged", spec: {} },
  });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).message).toMatch(/^Origin: /);
});
