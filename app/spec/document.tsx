/**
 * Renders a Markdown document (docs/spec.md) with react-markdown and GitHub-flavoured
 * Markdown (tables), so the reference page is that document itself. Safe: raw HTML in the
 * document is left out and links with unsafe protocols are dropped.
 */
import GithubSlugger from "github-slugger";
import type { Heading, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { type ComponentProps, createElement } from "react";
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";

export type Section = { depth: number; title: string; id: string };

/** The document's top-level headings in order, each with its anchor's id (GitHub's slugs: `## Top level` is `top-level`). */
function headings(tree: Root): { node: Heading; section: Section }[] {
  const slugger = new GithubSlugger();
  return tree.children.flatMap((node) => {
    if (node.type !== "heading") return [];
    const title = toString(node);
    return [{ node, section: { depth: node.depth, title, id: slugger.slug(title) } }];
  });
}

/** A remark plugin that gives each heading the id `sections` links to. */
function headingIds() {
  return (tree: Root) => {
    for (const { node, section } of headings(tree)) node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: section.id } };
  };
}

/** The sections of a Markdown document, for a table of contents. */
export function sections(source: string): Section[] {
  return headings(fromMarkdown(source)).map(({ section }) => section);
}

type StyledTag = "h1" | "h2" | "h3" | "h4" | "p" | "ul" | "th" | "tr" | "td" | "code";

/** The element react-markdown would render, with the page's classes. */
function styled(tag: StyledTag, className: string) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- react-markdown's syntax-tree node is no HTML attribute
  return function Styled({ node, ...props }: ComponentProps<StyledTag> & ExtraProps) {
    return createElement(tag, { ...props, className });
  };
}

const COMPONENTS: Components = {
  h1: styled("h1", "scroll-mt-4 text-2xl font-bold"),
  h2: styled("h2", "mt-8 scroll-mt-4 border-b border-stone-200 pb-1 text-xl font-semibold"),
  h3: styled("h3", "mt-6 scroll-mt-4 text-lg font-semibold"),
  h4: styled("h4", "mt-4 scroll-mt-4 font-semibold"),
  p: styled("p", "my-3 leading-relaxed"),
  ul: styled("ul", "my-3 list-disc space-y-1 pl-6"),
  table: ({ children }) => (
    <div className="my-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: styled("th", "border-b-2 border-stone-300 px-2 py-1 align-bottom font-semibold"),
  tr: styled("tr", "border-b border-stone-200 align-top"),
  td: styled("td", "px-2 py-1"),
  code: styled("code", "rounded bg-stone-100 px-1 font-mono text-[0.9em]"),
  // A code block keeps its text as is, without the inline code's styling.
  pre: ({ node }) => (
    <pre className="my-4 overflow-x-auto rounded bg-stone-900 p-3 text-sm text-stone-100">
      <code>{toString(node).replace(/\n$/, "")}</code>
    </pre>
  ),
};

export function MarkdownDocument({ source }: { source: string }) {
  return (
    // skipHtml: raw HTML, such as the comments that mark the generated field tables, is left out rather than shown as text.
    <Markdown remarkPlugins={[remarkGfm, headingIds]} components={COMPONENTS} skipHtml>
      {source}
    </Markdown>
  );
}
