/** How a visitor may view the boards: which rows, in what order. The page and the JSON API share it. */

/** best: each participant's best entry on the board; all: every entry. */
export const ROW_MODES = ["best", "all"] as const;
/** accuracy: best first; params: fewest parameters first; date: newest verification first. */
export const SORTS = ["accuracy", "params", "date"] as const;

export type RowMode = (typeof ROW_MODES)[number];
export type BoardSort = (typeof SORTS)[number];
export type BoardOptions = { rows: RowMode; sort: BoardSort };

export const DEFAULT_BOARD_OPTIONS: BoardOptions = { rows: "best", sort: "accuracy" };

const CHOICES = { rows: ROW_MODES, sort: SORTS } as const;

type Query = Record<string, string | string[] | undefined>;

function oneOf<T extends string>(choices: readonly T[], value: unknown): T | null {
  return typeof value === "string" && (choices as readonly string[]).includes(value) ? (value as T) : null;
}

/** For the page: anything unknown (or repeated) falls back to the default, so an old or mistyped link still shows the boards. */
export function boardOptionsOrDefaults(query: Query): BoardOptions {
  return {
    rows: oneOf(ROW_MODES, query.rows) ?? DEFAULT_BOARD_OPTIONS.rows,
    sort: oneOf(SORTS, query.sort) ?? DEFAULT_BOARD_OPTIONS.sort,
  };
}

/** For the API: a bad value is an error naming the field, so a script learns of its mistake. */
export function parseBoardOptions(params: URLSearchParams): { ok: true; options: BoardOptions } | { ok: false; error: string } {
  const options = { ...DEFAULT_BOARD_OPTIONS };
  for (const field of ["rows", "sort"] as const) {
    const values = params.getAll(field);
    if (values.length === 0) continue;
    const value = values.length === 1 ? oneOf<string>(CHOICES[field], values[0]) : null;
    if (value === null) {
      const got = values.length === 1 ? JSON.stringify(values[0]!.slice(0, 40)) : `${values.length} values`;
      return { ok: false, error: `${field}: must be one of ${CHOICES[field].join(", ")}; got ${got}` };
    }
    Object.assign(options, { [field]: value });
  }
  return { ok: true, options };
}

const PAGE = /^[1-9][0-9]{0,5}$/;

/** For the pages: a page number, 1 when absent or not one. */
export function pageOrFirst(query: Query): number {
  return typeof query.page === "string" && PAGE.test(query.page) ? Number(query.page) : 1;
}

/** For the API: `page` absent is 1; anything but a whole number from 1 is an error naming the field. */
export function parsePage(params: URLSearchParams): { ok: true; page: number } | { ok: false; error: string } {
  const values = params.getAll("page");
  if (values.length === 0) return { ok: true, page: 1 };
  if (values.length === 1 && PAGE.test(values[0]!)) return { ok: true, page: Number(values[0]) };
  const got = values.length === 1 ? JSON.stringify(values[0]!.slice(0, 40)) : `${values.length} values`;
  return { ok: false, error: `page: must be a whole number from 1; got ${got}` };
}

/** The address of a view of the boards (`/`) or of one board (`/boards/5`); defaults and page 1 are left out. */
export function boardOptionsHref(options: BoardOptions, path = "/", page = 1): string {
  const query = new URLSearchParams();
  if (options.rows !== DEFAULT_BOARD_OPTIONS.rows) query.set("rows", options.rows);
  if (options.sort !== DEFAULT_BOARD_OPTIONS.sort) query.set("sort", options.sort);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
