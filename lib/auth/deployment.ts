import type { CatwalkEnv } from "@/lib/env";

type DeploymentEnv = Pick<CatwalkEnv, "NODE_ENV" | "DATABASE_URL" | "NEXTAUTH_SECRET" | "CATWALK_LOCAL_SIGNIN">;

export const MIN_SECRET_LENGTH = 32;
/** Marks the secrets that tests and examples use; such a secret never signs sessions in production. */
export const PLACEHOLDER_SECRET_MARK = "not-for-production";

/** Production with a database of its own: NODE_ENV=production and DATABASE_URL set (not npm start's embedded one). */
export function isProductionDeployment(env: DeploymentEnv): boolean {
  return env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
}

/** What makes this environment unsafe to serve the public from, each naming its variable; empty when it may start. */
export function deploymentProblems(env: DeploymentEnv): string[] {
  if (!isProductionDeployment(env)) return [];
  const problems: string[] = [];
  const secret = env.NEXTAUTH_SECRET ?? "";
  if (!secret) problems.push("NEXTAUTH_SECRET is not set: set it to a random value, e.g. `openssl rand -base64 32`");
  else if (secret.length < MIN_SECRET_LENGTH)
    problems.push(`NEXTAUTH_SECRET is ${secret.length} characters long: use at least ${MIN_SECRET_LENGTH} random characters`);
  else if (secret.includes(PLACEHOLDER_SECRET_MARK))
    problems.push(`NEXTAUTH_SECRET is a placeholder (it contains "${PLACEHOLDER_SECRET_MARK}"): set a random value of your own`);
  if (env.CATWALK_LOCAL_SIGNIN)
    problems.push("CATWALK_LOCAL_SIGNIN=1 signs anyone in by name without a password: remove it and configure GitHub or OIDC sign-in");
  return problems;
}

/** The message an unsafe production deployment refuses to start with, or null when it may start. */
export function deploymentRefusal(env: DeploymentEnv): string | null {
  const problems = deploymentProblems(env);
  if (problems.length === 0) return null;
  return [
    "Catwalk refuses to start: this is a production deployment (NODE_ENV=production with an external DATABASE_URL) and",
    ...problems.map((problem) => `  - ${problem}`),
  ].join("\n");
}

/** Ends the process with the refusal, before anything is set up or served. */
export function exitIfUnsafeDeployment(env: DeploymentEnv): void {
  const refusal = deploymentRefusal(env);
  if (refusal === null) return;
  console.error(refusal);
  process.exit(1);
}
