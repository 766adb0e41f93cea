import path from "node:path";
import { defineConfig } from "vitest/config";
import { databaseUrl } from "./tests/database";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run on the server's side: `server-only` resolves as it does under React's server condition, to an empty module.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["{lib,worker,app,db,scripts,tests}/**/*.test.ts"],
    exclude: ["node_modules/**", ".venv/**", "e2e/**"],
    globalSetup: ["tests/global-setup.ts"],
    env: { DATABASE_URL: databaseUrl("catwalk_test") },
    // Suites share one database and two cores; run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
