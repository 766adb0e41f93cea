import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { specJsonSchema } from "@/lib/spec/json-schema";
import { MarkdownBlock, parseMarkdown } from "./markdown";
import { GET } from "./schema.json/route";

const DOCUMENT = readFileSync(path.join(import.meta.dirname, "../../docs/spec.md"), "utf8");

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
    const html = parseMarkdown(DOCUMENT)
      .map((block, index) => renderToStaticMarkup(createElement(MarkdownBlock, { key: index, block })))
      .join("\n");
    expect(html).toContain('<h2 id="model"');
    expect(html).toMatch(/<td class="px-2 py-1"><code[^>]*>conv2d<\/code><\/td>/);
    expect(html).toContain("<strong>Budget sharing rule</strong>");
    expect(html).toContain("<em>Randomness</em>");
    expect(html).toContain("&quot;transitionSteps&quot;: 1850");
    expect(html).not.toMatch(/\|---|```|\*\*/);
  });

  it("keeps a pipe inside inline code in its table cell", () => {
    const [table] = parseMarkdown("| a | b |\n|---|---|\n| `x | y` | z |");
    expect(table).toEqual({ kind: "table", header: ["a", "b"], rows: [["`x | y`", "z"]] });
  });

  it("renders links only to web or in-page addresses", () => {
    const html = renderToStaticMarkup(
      createElement(MarkdownBlock, { block: { kind: "paragraph", text: "[ok](https://example.org) [bad](javascript:alert(1))" } }),
    );
    expect(html).toContain('<a href="https://example.org"');
    expect(html).not.toContain("javascript:");
  });
});

describe("GET /spec/schema.json", () => {
  it("serves the generated JSON Schema", async () => {
    const response = GET();
    expect(response.headers.get("content-type")).toBe("application/schema+json; charset=utf-8");
    expect(await response.json()).toEqual(specJsonSchema());
  });
});
