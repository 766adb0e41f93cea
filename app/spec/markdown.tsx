/**
 * Renders the small Markdown subset docs/spec.md uses (headings, paragraphs, lists,
 * tables, fenced code, inline code, bold, italics, links) to React elements, so the
 * reference page is that document itself: one source, no HTML strings.
 */
import type { ReactNode } from "react";

export type Block =
  | { kind: "heading"; level: number; text: string; id: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; header: string[]; rows: string[][] }
  | { kind: "code"; language: string; text: string };

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Splits a table row on pipes outside inline code. */
function cells(row: string): string[] {
  const result: string[] = [];
  let current = "";
  let inCode = false;
  for (const char of row.trim().replace(/^\||\|$/g, "")) {
    if (char === "`") inCode = !inCode;
    if (char === "|" && !inCode) {
      result.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  result.push(current.trim());
  return result;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.split("\n");
  const blocks: Block[] = [];
  let index = 0;
  const take = (accepts: (line: string) => boolean): string[] => {
    const taken: string[] = [];
    while (index < lines.length && accepts(lines[index]!)) taken.push(lines[index++]!);
    return taken;
  };
  while (index < lines.length) {
    const line = lines[index]!;
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (line.trim() === "") {
      index += 1;
    } else if (line.startsWith("```")) {
      index += 1;
      const code = take((inner) => !inner.startsWith("```"));
      index += 1;
      blocks.push({ kind: "code", language: line.slice(3).trim(), text: code.join("\n") });
    } else if (heading) {
      index += 1;
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2]!, id: slug(heading[2]!) });
    } else if (line.startsWith("|")) {
      const [header, , ...rows] = take((inner) => inner.startsWith("|"));
      blocks.push({ kind: "table", header: cells(header!), rows: rows.map(cells) });
    } else if (line.startsWith("- ")) {
      const items: string[] = [];
      for (const item of take((inner) => inner.startsWith("- ") || inner.startsWith("  "))) {
        if (item.startsWith("- ")) items.push(item.slice(2));
        else items[items.length - 1] += ` ${item.trim()}`;
      }
      blocks.push({ kind: "list", items });
    } else {
      const text = take((inner) => inner.trim() !== "" && !/^(#{1,6} |```|\||- )/.test(inner));
      blocks.push({ kind: "paragraph", text: text.join(" ") });
    }
  }
  return blocks;
}

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*|\[[^\]]+\]\([^)\s]+\))/g;

export function Inline({ text }: { text: string }): ReactNode {
  return text.split(INLINE).map((part, index) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      return (
        <code key={index} className="rounded bg-stone-100 px-1 font-mono text-[0.9em]">
          {part.slice(1, -1)}
        </code>
      );
    }
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) return <strong key={index}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("*") && part.endsWith("*") && part.length > 2) return <em key={index}>{part.slice(1, -1)}</em>;
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
    if (link) {
      const href = link[2]!;
      // Only plain web links and in-page anchors: the document is data, not trusted HTML.
      const safe = /^(https?:\/\/|\/|#)/.test(href) ? href : undefined;
      return (
        <a key={index} href={safe} className="underline">
          {link[1]}
        </a>
      );
    }
    return part;
  });
}

const HEADING_STYLES: Record<number, string> = {
  1: "text-2xl font-bold",
  2: "mt-8 border-b border-stone-200 pb-1 text-xl font-semibold",
  3: "mt-6 text-lg font-semibold",
};

export function MarkdownBlock({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case "heading": {
      const Tag = `h${Math.min(block.level, 6)}` as "h1";
      return (
        <Tag id={block.id} className={`scroll-mt-4 ${HEADING_STYLES[block.level] ?? "mt-4 font-semibold"}`}>
          <Inline text={block.text} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p className="my-3 leading-relaxed">
          <Inline text={block.text} />
        </p>
      );
    case "list":
      return (
        <ul className="my-3 list-disc space-y-1 pl-6">
          {block.items.map((item, index) => (
            <li key={index}>
              <Inline text={item} />
            </li>
          ))}
        </ul>
      );
    case "table":
      return (
        <div className="my-4 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr>
                {block.header.map((cell, index) => (
                  <th key={index} className="border-b-2 border-stone-300 px-2 py-1 align-bottom font-semibold">
                    <Inline text={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex} className="border-b border-stone-200 align-top">
                  {row.map((cell, index) => (
                    <td key={index} className="px-2 py-1">
                      <Inline text={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "code":
      return (
        <pre className="my-4 overflow-x-auto rounded bg-stone-900 p-3 text-sm text-stone-100">
          <code>{block.text}</code>
        </pre>
      );
  }
}
