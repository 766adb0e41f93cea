/**
 * Single Fashion-MNIST test images, for the few misclassified ones an entry page
 * shows. Reads the same canonical IDX file the engine evaluates on, found where the engine looks
 * (worker/engine/data.py): FASHION_MNIST_DIR, Debian's /usr/share/datasets/fashion-mnist, then
 * the cache $CATWALK_CACHE_DIR/fashion-mnist (default .cache/fashion-mnist); plain or gzipped, and
 * only when its decompressed bytes have the canonical SHA-256. A site without the file shows
 * none, and says so.
 */
import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { env } from "@/lib/env";
import { grayscalePng } from "./png";

const FILE = "t10k-images-idx3-ubyte";
const SHA256 = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b";
const SIDE = 28;
const HEADER_BYTES = 16;
export const TEST_IMAGE_COUNT = 10_000;

function directories(): string[] {
  const { FASHION_MNIST_DIR, CATWALK_CACHE_DIR } = env();
  if (FASHION_MNIST_DIR) return [FASHION_MNIST_DIR];
  const cache = CATWALK_CACHE_DIR ?? path.join(process.cwd(), ".cache");
  return ["/usr/share/datasets/fashion-mnist", path.join(cache, "fashion-mnist")];
}

async function readVerified(): Promise<Buffer | null> {
  for (const directory of directories()) {
    for (const [name, unpack] of [
      [`${FILE}.gz`, gunzipSync],
      [FILE, (bytes: Buffer) => bytes],
    ] as const) {
      const raw = await readFile(path.join(directory, name)).catch(() => null);
      if (!raw) continue;
      const data = unpack(raw);
      if (createHash("sha256").update(data).digest("hex") === SHA256) return data;
    }
  }
  return null;
}

let loaded: Promise<Buffer | null> | null = null;

/** The verified test images file, read once per process (7.8 MB); null when this machine has none. */
function testImagesFile(): Promise<Buffer | null> {
  loaded ??= readVerified().catch(() => null);
  return loaded;
}

/** Test image `index` as a PNG data URI (28×28, grayscale), or null when the file is missing here or the index is out of range. */
export async function testImageDataUri(index: number): Promise<string | null> {
  if (!Number.isInteger(index) || index < 0 || index >= TEST_IMAGE_COUNT) return null;
  const file = await testImagesFile();
  if (!file) return null;
  const start = HEADER_BYTES + index * SIDE * SIDE;
  return `data:image/png;base64,${grayscalePng(file.subarray(start, start + SIDE * SIDE), SIDE, SIDE).toString("base64")}`;
}

/** Data URIs of the given test images, by index; empty when this machine has no test images. */
export async function testImageDataUris(indices: Iterable<number>): Promise<Record<number, string>> {
  const entries = await Promise.all([...new Set(indices)].map(async (index) => [index, await testImageDataUri(index)] as const));
  return Object.fromEntries(entries.filter((entry): entry is readonly [number, string] => entry[1] !== null));
}
