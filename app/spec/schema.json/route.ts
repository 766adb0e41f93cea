import { specJsonSchema } from "@/lib/spec/json-schema";

// The schema only changes with the code: build it once.
export const dynamic = "force-static";

export function GET(): Response {
  return new Response(JSON.stringify(specJsonSchema(), null, 2), {
    headers: { "content-type": "application/schema+json; charset=utf-8" },
  });
}
