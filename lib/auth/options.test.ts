import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { signInChoices } from "./options";

const choices = (env: Record<string, string>) => signInChoices(parseEnv(env)).map((choice) => `${choice.type}:${choice.id}:${choice.name}`);

test("each provider is offered only when all its variables are set", () => {
  expect(choices({})).toEqual([]);
  expect(choices({ GITHUB_ID: "g" })).toEqual([]);
  expect(choices({ GITHUB_ID: "g", GITHUB_SECRET: "s" })).toEqual(["oauth:github:GitHub"]);
  expect(choices({ OIDC_ISSUER: "https://id.example/", OIDC_CLIENT_ID: "c" })).toEqual([]);
  expect(
    choices({
      OIDC_ISSUER: "https://id.example",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "s",
      CATWALK_LOCAL_SIGNIN: "1",
      NEXTAUTH_URL: "http://127.0.0.1:3000",
    }),
  ).toEqual(["oauth:oidc:OpenID Connect", "local:local:Local sign-in"]);
  expect(choices({ OIDC_ISSUER: "https://id.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Acme ID" })).toEqual(["oauth:oidc:Acme ID"]);
});
