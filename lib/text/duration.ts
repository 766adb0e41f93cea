/** A reader's duration: "42 s", "12 min", "1 h 05 min", and whole hours from ten on ("16 h"). */
export function formatDuration(seconds: number): string {
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 10) return `${Math.round(minutes / 60)} h`;
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}
