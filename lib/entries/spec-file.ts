/** The download's file name: the entry's name in lower-case ASCII words joined by dashes, safe in a header. */
export function specFileName(entryName: string): string {
  const stem = entryName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return `${stem || "entry"}.spec.json`;
}
