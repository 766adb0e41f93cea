import { lineDiff } from "@/lib/text/line-diff";

const MARK = { same: " ", removed: "−", added: "+" } as const;
const STYLE = { same: "", removed: "bg-red-50 text-red-900", added: "bg-emerald-50 text-emerald-900" } as const;

/** The two normalised specs as a line diff: removed lines (−, only in A) and added lines (+, only in B), marked in text and in markup, not by colour alone. */
export function SpecDiff({ before, after }: { before: string; after: string }) {
  const lines = lineDiff(before.trimEnd(), after.trimEnd());
  const removed = lines.filter((line) => line.kind === "removed").length;
  const added = lines.filter((line) => line.kind === "added").length;
  return (
    <div className="space-y-2">
      <p className="text-sm text-stone-700" data-testid="spec-diff-summary">
        {removed + added === 0 ? "The two specs are identical." : `${removed} line${removed === 1 ? "" : "s"} only in A (−), ${added} only in B (+).`}
      </p>
      <pre className="max-h-[40rem] overflow-auto rounded-lg border border-stone-200 bg-white p-3 text-xs leading-5" data-testid="spec-diff" tabIndex={0} aria-label="Spec diff, A to B">
        {lines.map((line, index) => {
          const text = `${MARK[line.kind]} ${line.text}\n`;
          if (line.kind === "removed")
            return (
              <del key={index} className={`block no-underline ${STYLE.removed}`} aria-label={`only in A: ${line.text.trim()}`}>
                {text}
              </del>
            );
          if (line.kind === "added")
            return (
              <ins key={index} className={`block no-underline ${STYLE.added}`} aria-label={`only in B: ${line.text.trim()}`}>
                {text}
              </ins>
            );
          return (
            <span key={index} className="block text-stone-700">
              {text}
            </span>
          );
        })}
      </pre>
    </div>
  );
}
