import { expect, test } from "vitest";
import { tinySpec } from "@/tests/runs";
import { runScript } from "./lib/run-script";

test("npm run engine prints only the engine's protocol on stdout and passes its exit code through", async () => {
  // An invalid spec: lib/spec refuses it before the engine starts, with the error line the engine prints and its exit code 2.
  const { code, stdout, stderr } = await runScript("engine", ["--spec", "-"], { input: JSON.stringify({ version: 1, model: { layers: [] } }) });
  const lines = stdout.trim().split("\n");
  expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([expect.objectContaining({ type: "error", kind: "invalid_spec" })]);
  expect(code).toBe(2);
  expect(stderr).toContain("[python]");
});

test("training prints one line per epoch and per checkpoint, as the README says; --progress adds the worker's in-epoch lines", async () => {
  // A development run of a tiny MLP: 256 training images, evaluated on the development slice, a few seconds.
  const spec = JSON.stringify(tinySpec(7));
  const args = ["--spec", "-", "--budgets", "5", "--train-limit", "256", "--threads", "1"];
  const types = (stdout: string) => stdout.trim().split("\n").map((line) => (JSON.parse(line) as { type: string }).type);

  const plain = await runScript("engine", args, { input: spec });
  expect(plain.code).toBe(0);
  const printed = types(plain.stdout);
  expect(printed.filter((type) => type === "epoch")).toHaveLength(5);
  expect(printed.filter((type) => type === "checkpoint")).toHaveLength(1);
  expect(printed).not.toContain("progress");

  const withProgress = await runScript("engine", [...args, "--progress"], { input: spec });
  expect(withProgress.code).toBe(0);
  expect(types(withProgress.stdout)).toContain("progress");
  expect(types(withProgress.stdout).filter((type) => type !== "progress")).toEqual(printed);
});
