import { describe, expect, test } from "vitest";
import { parseEntryReference } from "./compare";

const ID = "0b6f1c2e-8a4d-4f7b-9c1e-2d3f4a5b6c7d";

describe("the compare form's entry references", () => {
  test("an id or a link to an entry page gives the id", () => {
    for (const value of [ID, ` ${ID.toUpperCase()} `, `http://127.0.0.1:3000/entries/${ID}`, `https://catwalk.example/entries/${ID}#run-x`, `/entries/${ID}?tab=1`]) {
      expect(parseEntryReference("b", value)).toEqual({ ok: true, id: ID });
    }
  });

  test("anything else is refused naming the field", () => {
    expect(parseEntryReference("a", undefined)).toEqual({ ok: false, message: "a: give an entry's id or a link to its page." });
    expect(parseEntryReference("b", [ID, ID])).toEqual({ ok: false, message: "b: give one entry, not 2." });
    expect(parseEntryReference("b", "x".repeat(3000))).toEqual({ ok: false, message: "b: must be at most 2048 characters." });
    for (const value of ["42", `${ID}x`, `https://example.com/participants/${ID}`, `javascript:alert(1)//${ID}`, `<script>${ID}`]) {
      expect(parseEntryReference("b", value)).toEqual({ ok: false, message: "b: not an entry id or an entry's link." });
    }
  });
});
