import { FASHION_CLASSES } from "@/lib/entries/classes";
import type { Misclassified } from "@/lib/entries/types";

const className = (label: number) => FASHION_CLASSES[label] ?? `class ${label}`;

/** A few test images the model got wrong, drawn from `images` (test-set index → PNG data URI, built on the server). */
export function MisclassifiedImages({ items, images }: { items: readonly Misclassified[]; images: Readonly<Record<number, string>> }) {
  if (items.length === 0) return null;
  const missing = items.some((item) => !images[item.index]);
  return (
    <figure className="space-y-2" data-testid="misclassified">
      <figcaption className="text-xs font-medium text-stone-700">Test images it got wrong (its most confident mistakes)</figcaption>
      <ul className="flex flex-wrap gap-3">
        {items.map((item) => {
          const label = `true: ${className(item.label)}, predicted: ${className(item.predicted)}`;
          return (
            <li key={item.index} className="w-24 text-[11px] leading-tight text-stone-700">
              {images[item.index] ? (
                // A 28×28 data URI: next/image would add nothing but a request.
                // eslint-disable-next-line @next/next/no-img-element
                <img src={images[item.index]} alt={`Test image ${item.index}, ${label}`} width={56} height={56} className="mb-1 rounded border border-stone-300 [image-rendering:pixelated]" />
              ) : null}
              <span className="block">true: {className(item.label)}</span>
              <span className="block">predicted: {className(item.predicted)}</span>
              <span className="block text-stone-500">#{item.index}</span>
            </li>
          );
        })}
      </ul>
      {missing && <p className="text-xs text-stone-500">This server has no copy of the test images, so only their labels are shown.</p>}
    </figure>
  );
}
