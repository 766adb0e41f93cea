import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT, log, run } from "./run";

const BUILD_INPUTS = ["app", "lib", "db", "public", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function distDir(): string {
  return path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
}

/** A fingerprint of everything `next build` reads: paths, sizes and modification times. */
function sourceFingerprint(): string {
  const hash = crypto.createHash("sha256");
  const visit = (file: string): void => {
    if (!fs.existsSync(file)) return;
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) if (!name.startsWith(".")) visit(path.join(file, name));
    } else {
      hash.update(`${path.relative(ROOT, file)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  BUILD_INPUTS.forEach((input) => visit(path.join(ROOT, input)));
  return hash.digest("hex");
}

/** Builds the site unless the current build was made from exactly these sources. */
export async function ensureNextBuild(): Promise<void> {
  const stamp = path.join(distDir(), "catwalk-source.sha256");
  const fingerprint = sourceFingerprint();
  if (fs.existsSync(path.join(distDir(), "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint) {
    return log("build", "site build up to date");
  }
  log("build", "building the site (next build; a minute or two the first time)");
  await run(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, fingerprint);
}
