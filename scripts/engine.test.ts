import { expect, test } from "vitest";
import { runScript } from "./lib/run-script";

test("npm run engine prints only the engine's protocol on stdout and passes its exit code through", async () => {
  // An invalid spec: the engine answers with one error line and exit code 2 before loading any data.
  const { code, stdout, stderr } = await runScript("engine", ["--spec", "-"], { input: JSON.stringify({ version: 1, model: { layers: [] } }) });
  const lines = stdout.trim().split("\n");
  expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([expect.objectContaining({ type: "error", kind: "invalid_spec" })]);
  expect(code).toBe(2);
  expect(stderr).toContain("[python]");
});
