import { checkUserText } from "@/lib/text/user-text";
import type { SignInIdentity } from "./sign-in";
import { LOCAL_PROVIDER } from "./sign-in";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_LOCAL_NAME_LENGTH = 80;

/** The identity for the local sign-in's single field: a name, or an email (whose local part becomes the name). */
export function localIdentity(input: unknown): SignInIdentity {
  const value = checkUserText("name", input, { max: MAX_LOCAL_NAME_LENGTH });
  const email = EMAIL.test(value) ? value.toLowerCase() : null;
  return {
    provider: LOCAL_PROVIDER,
    providerAccountId: value.toLowerCase(),
    name: email ? email.slice(0, email.indexOf("@")) : value,
    email,
    image: null,
  };
}
