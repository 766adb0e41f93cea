/**
 * The size and nesting limits for a spec that arrives already parsed (or built in
 * code): one bounded, iterative walk, so a huge, deep or cyclic value is rejected in
 * time proportional to the limit, not to the value.
 */
import { type SpecIssue, issueAt } from "./issues";
import { LIMITS } from "./limits";

/**
 * A lower bound on the size of the value's JSON text: strings and keys by their length
 * with quotes, other values by one character each. Anything that passed the text limit passes this.
 */
export function inputBoundsIssue(input: unknown): SpecIssue | null {
  const stack: { value: unknown; depth: number; path: PropertyKey[] }[] = [{ value: input, depth: 0, path: [] }];
  let size = 0;
  const tooLarge = (): SpecIssue => issueAt("", `the spec is larger than ${LIMITS.specBytes} bytes of JSON; the limit is ${LIMITS.specBytes} bytes`);
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    size += typeof value === "string" ? value.length + 2 : 1;
    if (size > LIMITS.specBytes) return tooLarge();
    if (typeof value !== "object" || value === null) continue;
    if (depth + 1 > LIMITS.jsonDepth) {
      return issueAt(path, `the spec is nested more than ${LIMITS.jsonDepth} levels deep here; the limit is ${LIMITS.jsonDepth}`);
    }
    size += 1;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        size += 1;
        if (size > LIMITS.specBytes) return tooLarge();
        stack.push({ value: value[index], depth: depth + 1, path: [...path, index] });
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      size += key.length + 3;
      if (size > LIMITS.specBytes) return tooLarge();
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
    }
  }
  return null;
}
