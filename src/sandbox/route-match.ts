/**
 * Which /v1 route a request takes, from the route templates alone (`/v1/customers/email={email}`):
 * each template is compiled once into an anchored pattern, and the values it captures are
 * percent-decoded as a server decodes a path (a list item by item, so an item may hold `%2C`).
 */
import type { Route, ValueShape } from './route-types.js';

/** A placeholder matches a Kustomer id (24 hex) unless its route says otherwise. */
const SHAPES: Record<ValueShape | 'id', string> = {
  id: '[0-9a-f]{24}',
  text: '[^/]+',
  list: '[^/]+',
};

interface CompiledRoute {
  route: Route;
  /** The counters' name: `GET /v1/customers/email={email}`. */
  name: string;
  pattern: RegExp;
  shapes: (ValueShape | 'id')[];
}

export interface Match {
  /** None when no template matches. */
  route: Route | undefined;
  /** The counters' name: the template's, or the request's own method and path. */
  name: string;
  /** The decoded values; null when none matched or one is a malformed percent-encoding. */
  params: string[] | null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(route: Route): CompiledRoute {
  const shapes: CompiledRoute['shapes'] = [];
  const source = route.path
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      const shape = route.values?.[name] ?? 'id';
      shapes.push(shape);
      return `(${SHAPES[shape]})`;
    })
    .join('');
  return {
    route,
    name: `${route.method} ${route.path}`,
    pattern: new RegExp(`^${source}$`),
    shapes,
  };
}

function decode(compiled: CompiledRoute, captured: string[]): string[] | null {
  const items = captured.flatMap((value, i) =>
    compiled.shapes[i] === 'list' ? value.split(',') : [value],
  );
  try {
    return items.map((value) => decodeURIComponent(value));
  } catch {
    return null;
  }
}

/** A matcher over a table of routes; no two templates of one method may match the same path. */
export function routeMatcher(routes: readonly Route[]) {
  const table = routes.map(compile);
  return (method: string, path: string): Match => {
    for (const compiled of table) {
      if (compiled.route.method !== method) continue;
      const captured = compiled.pattern.exec(path);
      if (!captured) continue;
      const { route, name } = compiled;
      return { route, name, params: decode(compiled, captured.slice(1)) };
    }
    return { route: undefined, name: `${method} ${path}`, params: null };
  };
}
