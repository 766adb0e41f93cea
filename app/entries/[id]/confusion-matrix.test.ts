import { expect, test } from "vitest";
import { cellColors } from "./confusion-matrix";

const channels = (rgb: string) => rgb.match(/\d+/g)!.map(Number);
const luminance = (rgb: number[]) => {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));

test("every cell's number is readable on its shade: WCAG AA contrast (4.5:1) at any share, right or confused", () => {
  for (const correct of [true, false]) {
    for (let share = 0; share <= 1; share += 0.01) {
      const { background, color } = cellColors(share, correct);
      const [a, b] = [luminance(channels(background)), luminance(hex(color))];
      expect((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), `${correct} ${share}`).toBeGreaterThanOrEqual(4.5);
    }
  }
  expect(cellColors(0, true).background).toBe("rgb(255,255,255)");
  expect(cellColors(1, true)).toEqual({ background: "rgb(30,64,175)", color: "#ffffff" });
});
