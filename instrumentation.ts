/** Runs once when the site's server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { envOrExit } = await import("@/lib/env");
    const { exitIfUnsafeDeployment } = await import("@/lib/auth/deployment");
    const env = envOrExit();
    // Under npm start, NODE_ENV=production (set by next start) and DATABASE_URL (set for the embedded database)
    // say nothing about the operator's intent; npm start checked the operator's own environment instead.
    if (!env.CATWALK_DEPLOYMENT_CHECKED) exitIfUnsafeDeployment(env);
  }
}
