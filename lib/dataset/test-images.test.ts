import { inflateSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import { ENGINE_CWD, pythonExecutable } from "@/scripts/lib/python";
import { grayscalePng } from "./png";
import { testImageDataUri } from "./test-images";

/** The pixels of a PNG grayscalePng wrote: the IDAT payload inflated, each row's filter byte dropped. */
function pixelsOf(png: Buffer, width: number): number[] {
  const length = png.readUInt32BE(33);
  expect(png.subarray(37, 41).toString("ascii")).toBe("IDAT");
  const rows = inflateSync(png.subarray(41, 41 + length));
  return [...rows].filter((_, i) => i % (width + 1) !== 0);
}

/** Test images' pixels as the engine's own loader reads them. */
function enginePixels(indices: number[]): number[][] {
  const script = `import json; from engine import data; images = data.load().test_images; print(json.dumps([images[i].flatten().tolist() for i in ${JSON.stringify(indices)}]))`;
  const done = spawnSync(pythonExecutable(), ["-c", script], { cwd: ENGINE_CWD, encoding: "utf8" });
  if (done.status !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout) as number[][];
}

test("a PNG holds the given pixels, with a valid signature and header", () => {
  const pixels = Uint8Array.from({ length: 6 }, (_, i) => i * 40);
  const png = grayscalePng(pixels, 3, 2);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([3, 2, 8, 0]);
  expect(pixelsOf(png, 3)).toEqual([...pixels]);
  expect(png.subarray(-8, -4).toString("ascii")).toBe("IEND");
  expect(() => grayscalePng(pixels, 2, 2)).toThrow("expected 4 pixels, got 6");
});

test("a test image is the engine's test image at that index, and out-of-range indices give none", async () => {
  const indices = [0, 4321, 9999];
  const expected = enginePixels(indices);
  for (const [i, index] of indices.entries()) {
    const uri = await testImageDataUri(index);
    expect(uri).toMatch(/^data:image\/png;base64,/);
    expect(pixelsOf(Buffer.from(uri!.split(",")[1]!, "base64"), 28)).toEqual(expected[i]);
  }
  for (const index of [-1, 10_000, 1.5, Number.NaN]) expect(await testImageDataUri(index)).toBeNull();
});
