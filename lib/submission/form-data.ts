/** Text that is a plain decimal number becomes one; anything else stays text, so validation can say what is wrong. */
function numberOrText(value: FormDataEntryValue | undefined): FormDataEntryValue | number | undefined {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}

/**
 * The submit form's fields as the same request the API takes (its spec still JSON text),
 * empty optional fields left out. `get` reads one field: from FormData on the server, from
 * the form's state in the browser, so both see the same request.
 */
export function requestFromFormFields(get: (name: string) => FormDataEntryValue | null | undefined): Record<string, unknown> {
  const value = (name: string) => get(name) ?? undefined;
  const optional = (name: string) => (value(name) === "" ? undefined : value(name));
  return {
    name: value("name"),
    description: optional("description"),
    spec: value("spec"),
    parentId: optional("parentId"),
    trainLimit: numberOrText(value("trainLimit")),
  };
}
