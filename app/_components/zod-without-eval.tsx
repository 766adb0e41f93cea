"use client";

import { z } from "zod";

// Zod probes `new Function` once to decide whether to compile its parsers. The Content-Security-Policy
// allows no eval, so in the browser that probe is blocked and reported as a violation (Zod catches
// the error and parses without compiling anyway); jitless mode skips the probe.
z.config({ jitless: true });

/** Rendered once in the root layout so that the setting above runs in the browser before any parse. */
export function ZodWithoutEval() {
  return null;
}
