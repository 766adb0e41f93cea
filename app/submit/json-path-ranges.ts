/**
 * Where an issue's path (`model.layers.2.filters`) is in the JSON text, found in the Lezer JSON
 * syntax tree the editor keeps: the text range the editor marks for that issue.
 */
import type { SyntaxNode, Tree } from "@lezer/common";

const VALUES = new Set(["Object", "Array", "String", "Number", "True", "False", "Null"]);
const CONTAINERS = new Set(["Object", "Array"]);

function values(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (VALUES.has(child.name)) found.push(child);
  return found;
}

function keyOf(name: string): string | undefined {
  try {
    return JSON.parse(name) as string;
  } catch {
    return undefined;
  }
}

/** The value at `key` in an object (the last one with that key, as JSON.parse keeps) or an array. */
function member(node: SyntaxNode, key: string, text: string): SyntaxNode | undefined {
  if (node.name === "Array") return /^(0|[1-9]\d*)$/.test(key) ? values(node)[Number(key)] : undefined;
  if (node.name !== "Object") return undefined;
  let found: SyntaxNode | undefined;
  for (const property of node.getChildren("Property")) {
    const name = property.getChild("PropertyName");
    if (name && keyOf(text.slice(name.from, name.to)) === key) found = values(property)[0];
  }
  return found;
}

/**
 * The range to mark for an issue at `path` ("" is the whole spec). A missing member marks the
 * deepest one that exists. A property with a plain value marks `"key": value`; one holding an
 * object or array marks its key; an array item or the whole spec holding one marks its opening bracket.
 */
export function rangeOfPath(tree: Tree, text: string, path: string): { from: number; to: number } | null {
  let node = values(tree.topNode)[0];
  if (!node) return null;
  for (const key of path === "" ? [] : path.split(".")) {
    const next = member(node, key, text);
    if (!next) break;
    node = next;
  }
  const property = node.parent?.name === "Property" ? node.parent : null;
  const name = property?.getChild("PropertyName");
  if (CONTAINERS.has(node.name)) return name ? { from: name.from, to: name.to } : { from: node.from, to: node.from + 1 };
  return { from: name ? name.from : node.from, to: node.to };
}
