import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SEAN_SPEC } from "@/lib/spec/examples";
import { checkSpec } from "@/lib/spec";
import type { Json } from "../draft";
import { SpecBuilder } from "./spec-builder";

function render(spec: unknown): string {
  const checked = checkSpec(spec);
  const normalized = checked.ok ? checked.spec : undefined;
  return renderToStaticMarkup(
    createElement(SpecBuilder, { draft: spec as Json, normalized, current: checked.ok, stepsPerEpoch: 1875, update: () => {}, parseError: undefined, editorId: "spec" }),
  );
}

const labels = (html: string) => [...html.matchAll(/<label[^>]*>(?:<input[^>]*>)?([^<]+)<\/label>/g)].map((match) => match[1]);

describe("the builder's fields", () => {
  it("are labelled with the schema's titles and show the values the schema allows", () => {
    const html = render(SEAN_SPEC);
    expect(labels(html)).toEqual(expect.arrayContaining(["Filters", "Kernel", "Padding", "Weight init", "Units", "Optimizer", "β1", "Schedule", "Decay rate", "Batch size", "Seed"]));
    expect(html).toMatch(/<label[^>]*>Filters<\/label><input[^>]*aria-describedby="([^"]+)-help"[^>]*><p id="\1-help"[^>]*>1 … 1024<span class="sr-only">\. Number of output channels\.<\/span><\/p>/);
    expect(html).toContain('>&quot;same&quot;, &quot;valid&quot; or 0 … 5<');
  });

  it("show only the fields of the kind chosen", () => {
    const layers = (fn: string) => [{ type: "flatten" }, { type: "dense", units: 10 }, { type: "activation", fn }];
    const relu = labels(render({ version: 1, model: { layers: layers("relu") } }));
    const general = labels(render({ version: 1, model: { layers: layers("general_relu") } }));
    expect(relu).toContain("Function");
    expect(relu).not.toContain("Subtract");
    expect(general).toEqual(expect.arrayContaining(["Function", "Negative slope", "Subtract", "Cap"]));
  });
});
