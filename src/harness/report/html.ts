// The one way report pages put text into HTML: the `html` tag escapes every interpolated value
// unless it is already `Html` (built by this tag or `trusted`). Sections never concatenate strings.

/** A fragment of markup that is already safe to insert. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value the `html` tag accepts: text (escaped), numbers, markup, or lists of those. */
export type HtmlPart = Html | string | number | boolean | null | undefined | HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Markup taken as is. Only for markup this program wrote itself (the plotly bundle, CSS). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

function part(value: HtmlPart): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every `${…}`: `html\`<td>${name}</td>\`` shows `name` as text
 * whatever it holds. Arrays are joined; null, undefined and false render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}
