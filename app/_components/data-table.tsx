import type { ReactNode } from "react";

/**
 * A table of records: the column names in a small-caps header row, the rows as children,
 * scrolling sideways on a narrow screen instead of widening the page.
 */
export function DataTable({
  columns,
  className = "w-full text-sm",
  testId,
  children,
}: {
  columns: readonly ReactNode[];
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={className} data-testid={testId}>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-stone-600">
            {columns.map((name, index) => (
              <th key={index} scope="col" className="py-1 pr-4 font-medium">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
