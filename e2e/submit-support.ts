import pg from "pg";
import { expect, type Page } from "@playwright/test";
import { databaseUrl } from "../tests/database";

/** The e2e site's database (playwright.config.ts starts it on catwalk_e2e). */
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? databaseUrl("catwalk_e2e");

/** How many entries carry this name, read straight from the site's database. */
export async function countEntriesNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from entries where name = $1", [name]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The JSON editor (CodeMirror's content element, a labelled textbox). */
export const specEditor = (page: Page) => page.getByRole("textbox", { name: "Entry spec (JSON)" });

/** The spec text the form posts: the editor draws only the lines in view, this field holds all of it. */
export const specText = (page: Page) => page.locator('form input[name="spec"]');

/**
 * Replaces the editor's text as typing would, and waits until the form holds it. CodeMirror's own
 * select-all (Mod-a) selects the whole document; a DOM select-all, as locator.fill does, reaches
 * only the lines drawn now and, once the editor has scrolled, leaves the rest in place.
 */
export async function fillSpecEditor(page: Page, text: string): Promise<void> {
  await specEditor(page).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
  await expect(specText(page)).toHaveValue(text);
}

/** The text the editor marks for the spec's problems, one string per mark, in the lines drawn now. */
export const markedSpecText = (page: Page) => specEditor(page).locator(".cm-lintRange-error");

/** The spec as the JSON editor holds it now. */
export async function editorSpec(page: Page): Promise<{ model: { layers: Record<string, unknown>[] }; budgets?: number[] }> {
  return JSON.parse(await specText(page).inputValue());
}

/** One layer card of the builder, by its path under model, counted from 0 ("layers.0", "layers.3.body.1"). */
export const layerCard = (page: Page, label: string) => page.getByRole("listitem", { name: label, exact: true });

/** Waits for the form to hydrate (the live analysis only renders in the browser's React tree) and its JSON editor to load. */
export async function openSubmitForm(page: Page, path = "/submit"): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("region", { name: "Analysis" })).toContainText("Parameters");
  await expect(specEditor(page)).toBeVisible();
}
