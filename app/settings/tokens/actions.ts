"use server";

import { revalidatePath } from "next/cache";
import { requireAllowed } from "@/lib/auth";
import { ApiTokenError, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { ACTION_RULES } from "@/lib/auth/policy";
import { UserTextError } from "@/lib/text/user-text";

/** `token` is set once, in the answer to the request that created it; it is never stored or shown again. */
export type TokenActionState = { error?: string; done?: string; token?: string };

const PAGE = "/settings/tokens";

export async function createTokenAction(_previous: TokenActionState, form: FormData): Promise<TokenActionState> {
  const user = await requireAllowed(ACTION_RULES["settings/tokens/actions.ts#createTokenAction"], PAGE);
  try {
    const { token, view } = await createApiToken(user.id, form.get("name"));
    revalidatePath(PAGE);
    return { done: `Token "${view.name}" created. Copy it now: it is shown only this once.`, token };
  } catch (error) {
    if (error instanceof ApiTokenError || error instanceof UserTextError) return { error: error.message };
    throw error;
  }
}

export async function revokeTokenAction(_previous: TokenActionState, form: FormData): Promise<TokenActionState> {
  const user = await requireAllowed(ACTION_RULES["settings/tokens/actions.ts#revokeTokenAction"], PAGE);
  const tokenId = form.get("tokenId");
  // Scoped to the caller's own tokens: another account's token id is as unknown as a made-up one.
  if (typeof tokenId !== "string" || !(await revokeApiToken(user.id, tokenId))) return { error: `tokenId: you have no token ${String(tokenId ?? "")}` };
  revalidatePath(PAGE);
  return { done: "Revoked: scripts using it now get 401." };
}
