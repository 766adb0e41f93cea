import { expect, test } from "vitest";
import { buildAuthOptions, signInChoices } from "./options";

const ids = (env: Record<string, string>) => signInChoices(env).map((choice) => `${choice.type}:${choice.id}`);

test("each provider is offered only when it is configured", () => {
  expect(ids({})).toEqual([]);
  expect(ids({ GITHUB_ID: "g", GITHUB_SECRET: "s" })).toEqual(["oauth:github"]);
  expect(
    ids({
      OIDC_ISSUER: "https://id.example",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "s",
      CATWALK_LOCAL_SIGNIN: "1",
      NEXTAUTH_URL: "http://127.0.0.1:3000",
    }),
  ).toEqual(["oauth:oidc", "local:local"]);
});

test("building the options refuses the local sign-in on a public URL", () => {
  expect(() => buildAuthOptions({ CATWALK_LOCAL_SIGNIN: "1", NEXTAUTH_URL: "https://catwalk.example" })).toThrow(
    /CATWALK_LOCAL_SIGNIN=1 is refused/,
  );
});
