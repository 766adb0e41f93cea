import type { SignInIdentity } from "./sign-in";
import { LOCAL_PROVIDER } from "./sign-in";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_LOCAL_NAME_LENGTH = 80;

/** The identity for the local sign-in's single field: a name, or an email (whose local part becomes the name). */
export function localIdentity(input: unknown): SignInIdentity {
  const value = typeof input === "string" ? input.trim() : "";
  if (!value) throw new Error("name: enter a name or an email to sign in");
  if (value.length > MAX_LOCAL_NAME_LENGTH) throw new Error(`name: at most ${MAX_LOCAL_NAME_LENGTH} characters`);
  const email = EMAIL.test(value) ? value.toLowerCase() : null;
  return {
    provider: LOCAL_PROVIDER,
    providerAccountId: value.toLowerCase(),
    name: email ? email.slice(0, email.indexOf("@")) : value,
    email,
    image: null,
  };
}
