import { lineDiff, type DiffLine } from "@/lib/text/line-diff";

const MARK = { same: " ", removed: "−", added: "+" } as const;
/** Unchanged lines kept around each change; longer unchanged stretches fold. */
const CONTEXT = 3;

type Block = { kind: "lines"; lines: DiffLine[] } | { kind: "folded"; lines: DiffLine[] };

/** Unchanged stretches longer than twice the context fold in the middle (the ends of the text fold too). */
function blocks(lines: DiffLine[]): Block[] {
  const changed = lines.map((line) => line.kind !== "same");
  const near = lines.map((_, i) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean));
  const result: Block[] = [];
  for (const [i, line] of lines.entries()) {
    const kind = near[i] ? "lines" : "folded";
    const last = result[result.length - 1];
    if (last?.kind === kind) last.lines.push(line);
    else result.push({ kind, lines: [line] });
  }
  return result;
}

function Line({ line }: { line: DiffLine }) {
  const text = `${MARK[line.kind]} ${line.text}`;
  if (line.kind === "removed") return <del className="block bg-red-50 text-red-900 no-underline">{text}</del>;
  if (line.kind === "added") return <ins className="block bg-emerald-50 text-emerald-900 no-underline">{text}</ins>;
  return <span className="block text-stone-700">{text}</span>;
}

/** The two normalised specs as a line diff: removed lines (−, only in A) and added lines (+, only in B), marked in text and in markup, not by colour alone. */
export function SpecDiff({ before, after }: { before: string; after: string }) {
  const lines = lineDiff(before.trimEnd(), after.trimEnd());
  const removed = lines.filter((line) => line.kind === "removed").length;
  const added = lines.filter((line) => line.kind === "added").length;
  const parts = removed + added === 0 ? [{ kind: "lines" as const, lines }] : blocks(lines);
  return (
    <div className="space-y-2">
      <p className="text-sm text-stone-700" data-testid="spec-diff-summary">
        {removed + added === 0 ? "The two specs are identical." : `${removed} line${removed === 1 ? "" : "s"} only in A (−), ${added} only in B (+).`}
      </p>
      <div className="max-h-[40rem] overflow-auto rounded-lg border border-stone-200 bg-white p-3 font-mono text-xs leading-5 whitespace-pre" data-testid="spec-diff" tabIndex={0} role="region" aria-label="Spec diff, A to B">
        {parts.map((part, index) =>
          part.kind === "lines" ? (
            part.lines.map((line, i) => <Line key={`${index}-${i}`} line={line} />)
          ) : (
            <details key={index} className="text-stone-600">
              <summary className="cursor-pointer font-sans">
                {part.lines.length} unchanged line{part.lines.length === 1 ? "" : "s"}
              </summary>
              {part.lines.map((line, i) => (
                <Line key={i} line={line} />
              ))}
            </details>
          ),
        )}
      </div>
    </div>
  );
}
