/** The shape of a library's option docs (knowledge/libraries/<id>.ts). */
export interface OptionDoc {
  /** The option as written: `allow_origins`, `CORS_ALLOW_ALL_ORIGINS`, `origin`. */
  name: string;
  /** Markdown: what the option makes the server send (headers, when), its default, and its pitfalls. */
  sends: string;
}

export interface LibraryDocs {
  /** Id used in OptionMention.library (`django-cors-headers`, `starlette`, `koa-cors`). */
  id: string;
  /** Display name: `django-cors-headers`, `@koa/cors`. */
  title: string;
  /** The version whose source these semantics were read from (`4.4.0`). */
  version: string;
  /** The library's documentation page. */
  docs?: string;
  options: readonly OptionDoc[];
}
