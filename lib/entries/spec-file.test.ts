import { expect, test } from "vitest";
import { specFileName } from "./spec-file";

test("the spec file is named after the entry, with nothing a header could misread", () => {
  expect(specFileName("Sean's CNN (the seed)")).toBe("sean-s-cnn-the-seed.spec.json");
  expect(specFileName('Crème "brûlée"\r\nX-Evil: 1')).toBe("creme-brulee-x-evil-1.spec.json");
  expect(specFileName("数字")).toBe("entry.spec.json");
  expect(specFileName("a".repeat(200))).toBe(`${"a".repeat(80)}.spec.json`);
});
