import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { specJsonSchema } from "@/lib/spec/json-schema";
import { MarkdownDocument, sections } from "./document";
import { GET } from "./schema.json/route";

const DOCUMENT = readFileSync(path.join(import.meta.dirname, "../../docs/spec.md"), "utf8");

const render = (source: string): string => renderToStaticMarkup(createElement(MarkdownDocument, { source }));

/** Every property name anywhere in a JSON Schema. */
function propertyNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((inner) => propertyNames(inner, names));
  else if (typeof schema === "object" && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties") Object.keys(value as object).forEach((name) => names.add(name));
      propertyNames(value, names);
    }
  }
  return names;
}

describe("the /spec reference page", () => {
  it("docs/spec.md documents every field of the schema", () => {
    // Named in code, either alone (`seed`) or as a JSON key ({ "layers": … }).
    const undocumented = [...propertyNames(specJsonSchema())].filter((name) => !DOCUMENT.includes(`\`${name}\``) && !DOCUMENT.includes(`"${name}":`));
    expect(undocumented).toEqual([]);
  });

  it("renders the document's tables, code and headings as elements, not raw Markdown", () => {
    const html = render(DOCUMENT);
    expect(html).toContain('<h2 id="model"');
    expect(html).toMatch(/<td class="px-2 py-1"><code[^>]*>conv2d<\/code><\/td>/);
    expect(html).toContain("<strong>Budget sharing rule</strong>");
    expect(html).toContain("<em>Randomness</em>");
    expect(html).toContain("&quot;transitionSteps&quot;: 1850");
    // The field tables generated from the schema render as tables too, without their markers.
    expect(html).toMatch(/<td class="px-2 py-1"><code[^>]*>filters<\/code><\/td><td class="px-2 py-1">integer<\/td><td class="px-2 py-1">1 … 1024<\/td>/);
    expect(html).not.toContain("generated:fields");
    expect(html).not.toMatch(/\|---|```|\*\*/);
  });

  it("links every section of the contents to a heading of the document", () => {
    const html = render(DOCUMENT);
    const chapters = sections(DOCUMENT).filter((section) => section.depth === 2);
    expect(chapters.map((section) => section.title)).toContain("Sean's entry (the acceptance example)");
    for (const { id } of chapters) expect(html).toContain(`<h2 id="${id}"`);
  });

  it("keeps an escaped pipe inside inline code in its table cell", () => {
    const html = render("| a | b |\n|---|---|\n| `x \\| y` | z |");
    expect(html).toMatch(/<td[^>]*><code[^>]*>x \| y<\/code><\/td><td[^>]*>z<\/td>/);
  });

  it("renders neither raw HTML nor links to scripts", () => {
    const html = render('<script>alert(1)</script>\n\n[ok](https://example.org) [bad](javascript:alert(1)) <b onclick="x">b</b>');
    expect(html).toContain('<a href="https://example.org">ok</a>');
    expect(html).not.toMatch(/<script|<b |javascript:/);
  });
});

describe("GET /spec/schema.json", () => {
  it("serves the generated JSON Schema", async () => {
    const response = GET();
    expect(response.headers.get("content-type")).toBe("application/schema+json; charset=utf-8");
    expect(await response.json()).toEqual(specJsonSchema());
  });
});
