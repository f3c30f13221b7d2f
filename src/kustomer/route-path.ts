/**
 * A request path written once: the route template (`/v1/customers/email={email}`), which metrics,
 * logs and error messages name, plus the values of its `{name}` placeholders, from which the real
 * path is built here, each value percent-encoded. The compiler checks the names where the route
 * is a literal (a missing or extra value is a type error); buildPath checks them again at run time.
 *
 * Why the checks on values: the request URL goes through WHATWG URL parsing (axios), which
 * resolves `.` and `..` segments (`%2e` too), so a value that is a whole segment cannot be `.`,
 * `..` or empty without naming another resource. Such a value is refused unsent, as is a string
 * that is not valid Unicode (a lone surrogate has no UTF-8 form).
 */
import { KustomerValidationError } from './errors.js';

/** The `{name}` placeholders of a route template, as a union of names. */
export type RouteParamNames<R extends string> = R extends `${string}{${infer Name}}${infer Rest}`
  ? Name | RouteParamNames<Rest>
  : never;

/** One value: a string, or a list Kustomer takes comma-separated (`/v1/chat/queues/metrics/{ids}`). */
export type RouteParamValue = string | readonly string[];

type ParamsOf<R extends string> = [RouteParamNames<R>] extends [never]
  ? { params?: never }
  : { params: { readonly [Name in RouteParamNames<R>]: RouteParamValue } };

/**
 * What a call names its path with. A route that is only known as `string` takes any params
 * (checked at run time); a literal one takes exactly its placeholders. A query string belongs in
 * the call's `query`, never in the template.
 */
export type RouteParams<R extends string> = R extends string
  ? string extends R
    ? { params?: Readonly<Record<string, RouteParamValue>> }
    : R extends `${string}?${string}`
      ? { params: never; queryInRoute: never }
      : ParamsOf<R>
  : never;

export type RouteTarget<R extends string> = { route: R } & RouteParams<R>;

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** A mistake in the calling code (a template and its values disagree): never a user's input. */
function programmingError(route: string, problem: string): TypeError {
  return new TypeError(`route ${route}: ${problem}`);
}

function unsendable(method: string, route: string, name: string, why: string) {
  return new KustomerValidationError(
    `Kustomer ${method} ${route} not sent: {${name}} ${why}`,
    undefined,
    name,
    { method, path: route },
  );
}

function encodeValue(method: string, route: string, name: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // URIError: a lone surrogate, which has no UTF-8 form to send.
    throw unsendable(method, route, name, 'is not valid Unicode');
  }
}

/** Whether the placeholder is a whole segment (`/{id}/`), where `.`, `..` and `` move the path. */
function wholeSegment(route: string, start: number, end: number): boolean {
  return route[start - 1] === '/' && (end === route.length || route[end] === '/');
}

/** The encoded path of `route` with `params` put in its placeholders. */
export function buildPath(
  method: string,
  route: string,
  params: Readonly<Record<string, RouteParamValue>> = {},
): string {
  if (route.includes('?') || route.includes('#'))
    throw programmingError(route, 'a query belongs in the call’s query, not in the route');
  const used = new Set<string>();
  const path = route.replace(PLACEHOLDER, (whole, name: string, start: number) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) throw programmingError(route, `no value for {${name}}`);
    used.add(name);
    const encoded =
      typeof value === 'string'
        ? encodeValue(method, route, name, value)
        : value.map((item) => encodeValue(method, route, name, item)).join(',');
    if (wholeSegment(route, start, start + whole.length) && ['', '.', '..'].includes(encoded))
      throw unsendable(method, route, name, `cannot be "${encoded}": it would name another path`);
    return encoded;
  });
  const extra = Object.keys(params).filter((name) => !used.has(name));
  if (extra.length > 0)
    throw programmingError(route, `no placeholder for ${extra.map((n) => `{${n}}`).join(', ')}`);
  return path;
}
