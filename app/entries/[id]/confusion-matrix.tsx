import { formatAccuracy } from "@/lib/boards/format";
import { FASHION_CLASSES } from "@/lib/entries/classes";

const CORRECT = [30, 64, 175] as const; // blue: images classed right
const CONFUSED = [194, 65, 12] as const; // orange: images taken for another class

const luminance = (rgb: readonly number[]) => {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

// Black, not the site's near-black: with it every shade reaches 4.5:1 with one of the two texts.
const DARK_TEXT = 0;

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** A cell's solid background (white to the full colour as the row's share grows) and the text colour that reads best on it. */
export function cellColors(share: number, correct: boolean): { background: string; color: string } {
  const base = correct ? CORRECT : CONFUSED;
  const strength = Math.min(1, Math.sqrt(Math.max(0, share)));
  const rgb = base.map((c) => Math.round(255 + (c - 255) * strength));
  const light = luminance(rgb);
  // WCAG contrast with black text and with white text: the higher one wins.
  const color = contrast(light, DARK_TEXT) >= contrast(light, 1) ? "#000000" : "#ffffff";
  return { background: `rgb(${rgb.join(",")})`, color };
}

/** Rows: true class; columns: predicted class; each cell the image count, shaded by its share of the row. */
export function ConfusionMatrix({ matrix, perClassAccuracy, caption, images }: { matrix: number[][]; perClassAccuracy: number[]; caption: string; images: string }) {
  return (
    <div className="space-y-1">
      <p className="text-xs text-stone-600">
        {images} by true class (rows) and predicted class (columns); the shade grows with the share of the row, blue where right, orange where confused.
      </p>
      {/* Focusable: on a phone the matrix scrolls sideways, by keyboard too. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
        <table className="border-collapse text-[11px] tabular-nums" data-testid="confusion-matrix">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-1 text-left align-bottom font-medium text-stone-600">
                true ↓ predicted →
              </th>
              {FASHION_CLASSES.map((name) => (
                <th key={name} scope="col" className="w-11 px-0.5 align-bottom font-medium leading-tight text-stone-700">
                  {name}
                </th>
              ))}
              <th scope="col" className="px-1 align-bottom font-medium text-stone-700">
                Accuracy
              </th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => {
              const total = row.reduce((sum, count) => sum + count, 0) || 1;
              return (
                <tr key={i}>
                  <th scope="row" className="whitespace-nowrap px-1 text-left font-medium text-stone-700">
                    {FASHION_CLASSES[i] ?? i}
                  </th>
                  {row.map((count, j) => {
                    const colors = cellColors(count / total, i === j);
                    return (
                      <td key={j} className="border border-white px-1 py-0.5 text-center" style={{ backgroundColor: colors.background, color: colors.color }}>
                        {count}
                      </td>
                    );
                  })}
                  <td className="px-1 text-right font-medium">{formatAccuracy(perClassAccuracy[i] ?? null)}%</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
