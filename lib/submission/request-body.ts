import type { Issue } from "./fields";

/** The largest JSON body POST /api/entries reads; a spec is at most 64 KiB itself, so this leaves no real entry out. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 413; message: string }
  | { ok: false; status: 422; issues: Issue[] };

const tooLarge = (maxBytes: number) => ({
  ok: false as const,
  status: 413 as const,
  message: `the request body must be at most ${maxBytes} bytes`,
});

/**
 * Reads a JSON request body, refusing it as soon as it grows past `maxBytes` (whatever
 * Content-Length claims), so parsing work never grows with what a client sends.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 422, issues: [{ path: "", message: "the request body must be UTF-8 text" }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, status: 422, issues: [{ path: "", message: `the request body is not valid JSON: ${(error as Error).message}` }] };
  }
}
