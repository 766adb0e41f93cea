/** Tailwind classes shared by the form's inputs and small buttons, so every field looks and flags errors alike. */
export const inputClass = "rounded border border-stone-300 px-2 py-1 aria-[invalid=true]:border-red-600 disabled:bg-stone-100";
export const smallButtonClass = "rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100 disabled:opacity-40";
