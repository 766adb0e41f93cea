import pg from "pg";
import type { Page } from "@playwright/test";
import { databaseUrl } from "../tests/database";
import { ADMIN_EMAIL, signIn } from "./helpers";
import { openSubmitForm } from "./submit-support";

const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e");

/** The first visible entry (the seed's, Sean's) and its owner, read from the site's database. */
async function anEntry(): Promise<{ id: string; ownerId: string }> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; owner_id: string }>(
      "select id, owner_id from entries where not hidden and withdrawn_at is null order by created_at limit 1",
    );
    if (!rows[0]) throw new Error("the e2e database has no entry: is the seed applied?");
    return { id: rows[0].id, ownerId: rows[0].owner_id };
  } finally {
    await client.end();
  }
}

export type MainPage = { name: string; open: (page: Page) => Promise<void> };

/** The main pages the issue names, each opened the way a person would see it (admin signed in as the admin). */
export const MAIN_PAGES: MainPage[] = [
  { name: "home", open: async (page) => void (await page.goto("/")) },
  { name: "entry", open: async (page) => void (await page.goto(`/entries/${(await anEntry()).id}`)) },
  { name: "submit", open: (page) => openSubmitForm(page) },
  { name: "queue", open: async (page) => void (await page.goto("/queue")) },
  { name: "participant", open: async (page) => void (await page.goto(`/participants/${(await anEntry()).ownerId}`)) },
  {
    name: "admin",
   
    open: async (page) => {
      await signIn(page, ADMIN_EMAIL);
      await page.goto("/admin");
    },
  },
  { name: "signin", open: async (page) => void (await page.goto("/signin")) },
];
