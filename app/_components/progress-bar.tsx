/** A run's progress, 0…1, as an accessible bar. */
export function ProgressBar({ label, fraction, className = "" }: { label: string; fraction: number; className?: string }) {
  const percent = Math.round(fraction * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={`h-2.5 w-full overflow-hidden rounded-full bg-stone-200 ${className}`}
    >
      <div className="h-full bg-sky-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
    </div>
  );
}
