import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { entries } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { closeNotifications } from "@/lib/db/notifications";
import { insertEntry } from "@/tests/boards";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { waitFor } from "@/tests/runs";
import { boardsGeneration } from "@/lib/boards/cache";
import { cachedPage } from "./page-cache";

// A stand-in for the site's own rendering (the real one is exercised by the e2e run): it counts
// renderings and puts the nonce of its policy on its script, as Next does.
let renderings = 0;
let lastRenderingHeaders: http.IncomingHttpHeaders = {};
const site = http.createServer((request, response) => {
  renderings += 1;
  lastRenderingHeaders = request.headers;
  const nonce = `n${renderings}x`;
  response.writeHead(request.url?.startsWith("/entries/") ? 404 : 200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
  });
  response.end(`<html><script nonce="${nonce}">self.__next_f=[]</script><p>rendering ${renderings} of ${request.url}</p></html>`);
});

let env: Record<string, string>;
let entryId: string;

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_page_cache");
  entryId = await insertEntry(await insertUser("Ada"), "ada-cnn");
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  env = { CATWALK_SELF_ORIGIN: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
});

afterAll(async () => {
  site.close();
  await closeNotifications();
  await closeDb();
});

const visit = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000${path}`, { headers: { host: "localhost:3000", ...headers } });

async function cachedHtml(path: string, nonce: string, headers: Record<string, string> = {}) {
  const response = await cachedPage(visit(path, headers), nonce, env);
  return response && { html: await response.text(), source: response.headers.get("x-catwalk-cache") };
}

test("an anonymous view is rendered once and then served from memory, each response with its own nonce", async () => {
  // The first views may come before the notifications are heard: those are rendered as usual (null).
  const first = await waitFor(() => cachedHtml("/", "fresh1"), "the page cache to be listening");
  const before = renderings;
  const second = await cachedHtml("/", "fresh2");
  expect(renderings).toBe(before);
  expect(second?.source).toBe("hit");
  expect(second?.html.replace("fresh2", "fresh1")).toBe(first.html);
  expect(second?.html).toContain('<script nonce="fresh2">');
  expect(second?.html).not.toMatch(/nonce="n\d+x"/);
});

test("a signed-in visitor, the client router, a non-GET and other paths are always rendered for them", async () => {
  expect(await cachedPage(visit("/", { cookie: "next-auth.session-token=abc" }), "n", env)).toBeNull();
  expect(await cachedPage(visit("/", { rsc: "1" }), "n", env)).toBeNull();
  expect(await cachedPage(visit("/?_rsc=x1"), "n", env)).toBeNull();
  // What the router's fetches still carry once Next has taken its own headers off (as it does before the proxy).
  expect(await cachedPage(visit("/", { "next-url": "/" }), "n", env)).toBeNull();
  expect(await cachedPage(visit("/", { "sec-fetch-dest": "empty", "sec-fetch-mode": "cors" }), "n", env)).toBeNull();
  expect(await cachedPage(new Request("http://localhost:3000/", { method: "POST", headers: { host: "localhost:3000" } }), "n", env)).toBeNull();
  for (const path of ["/submit", "/admin", "/settings/tokens", "/api/entries", "/entries/not-a-uuid"]) expect(await cachedPage(visit(path), "n", env)).toBeNull();
  // Without its own address the site renders every request.
  expect(await cachedPage(visit("/"), "n", {})).toBeNull();
});

test("a page navigation and a script's fetch of a board's JSON are served from memory", async () => {
  await cachedHtml("/boards/20", "a");
  expect((await cachedHtml("/boards/20", "b", { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" }))?.source).toBe("hit");
  await cachedHtml("/api/boards/20", "a");
  expect((await cachedHtml("/api/boards/20", "b", { "sec-fetch-dest": "empty" }))?.source).toBe("hit");
});

test("after a change, a visitor who arrives while another's rendering is made waits for it instead of getting the page from before", async () => {
  const path = "/boards/50";
  await cachedHtml(path, "a");
  const before = boardsGeneration();
  await getDb().update(entries).set({ name: "ada-renamed-again" }).where(eq(entries.id, entryId));
  await waitFor(async () => boardsGeneration() !== before, "the change to be heard");
  const renderedBefore = renderings;
  const [first, second] = await Promise.all([cachedHtml(path, "x"), cachedHtml(path, "y")]);
  expect(renderings).toBe(renderedBefore + 1);
  expect(first?.source).toBe("miss");
  expect(second?.source).toBe("miss");
  expect(second?.html.replace('nonce="y"', 'nonce="x"')).toBe(first?.html);
});

test("a change the database announces renders the page again", async () => {
  await cachedHtml("/boards/5", "a");
  const kept = await cachedHtml("/boards/5", "b");
  expect(kept?.source).toBe("hit");
  await getDb().update(entries).set({ name: "ada-renamed" }).where(eq(entries.id, entryId));
  const fresh = await waitFor(async () => {
    const page = await cachedHtml("/boards/5", "c");
    return page?.source === "miss" && page;
  }, "a new rendering after the change");
  expect(fresh.html).not.toBe(kept!.html.replace("b", "c"));
});

test("a page that is not a 200 (an entry that does not exist or is hidden) is never kept", async () => {
  const path = "/entries/00000000-0000-4000-8000-000000000000";
  const before = renderings;
  expect(await cachedPage(visit(path), "n", env)).toBeNull();
  expect(await cachedPage(visit(path), "n", env)).toBeNull();
  expect(renderings).toBe(before + 2);
});

test("the rendering request is no page navigation, whatever the visitor's browser sent, so it is never moved to another host", async () => {
  const response = await cachedPage(visit("/participants/00000000-0000-4000-8000-000000000001", { accept: "text/html", "sec-fetch-mode": "navigate" }), "n", env);
  expect(response?.status).toBe(200);
  expect(lastRenderingHeaders["sec-fetch-mode"]).not.toBe("navigate");
  expect(lastRenderingHeaders.accept ?? "").not.toContain("text/html");
});
