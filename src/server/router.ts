/** A small method + path router; `:name` segments become params. */
import { ApiError } from './http.js';
import type { Services } from './services.js';

/** What the host knows about the connection that a Web Request does not carry. */
export interface ConnectionInfo {
  /** The peer's address on the socket (the Node adapter); Vercel has none to give. */
  remoteAddress?: string | undefined;
}

export interface RequestContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  services: Services;
  requestId: string;
  clientIp: string;
  /** Whether the caller holds the admin credential; for routes open to both the public and admins. */
  isAdmin(): Promise<boolean>;
}

export type Handler = (ctx: RequestContext) => Promise<Response>;

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Admin routes need the admin credential. */
  admin?: boolean;
  handler: Handler;
}

interface Compiled extends RouteDef {
  regex: RegExp;
  names: string[];
}

export function compileRoutes(routes: RouteDef[]): Compiled[] {
  return routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, regex: new RegExp(`^${pattern}/?$`), names };
  });
}

export function match(routes: Compiled[], method: string, pathname: string) {
  const forPath = routes.filter((route) => route.regex.test(pathname));
  const route = forPath.find((r) => r.method === method);
  if (!route) return { route: null, allowed: forPath.map((r) => r.method) };
  const values = route.regex.exec(pathname)!.slice(1);
  const params = Object.fromEntries(route.names.map((name, i) => [name, decodeParam(values[i]!)]));
  return { route, params, allowed: [] };
}

/** A path segment as text; a malformed percent-encoding (`%E0`) is the caller's mistake. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ApiError(400, 'invalid_path', 'the path holds a malformed percent-encoding');
  }
}
