import type { ReactNode } from "react";

const TONES = {
  verified: "bg-emerald-100 text-emerald-900",
  tied: "bg-sky-100 text-sky-900",
  reported: "bg-amber-100 text-amber-900",
} as const;

export function Badge({ tone, title, children }: { tone: keyof typeof TONES; title?: string; children: ReactNode }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]}`} title={title}>
      {children}
    </span>
  );
}
