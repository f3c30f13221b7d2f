/**
 * The /v1 table is written as Kustomer's route templates; the patterns are built from them. Each
 * template answers its own paths and no other route's, and the values it captures come out
 * decoded (a list item by item).
 */
import { describe, expect, it } from 'vitest';
import { routeMatcher } from '../../src/sandbox/route-match.js';
import type { Route } from '../../src/sandbox/route-types.js';
import { matchV1, V1_ROUTES } from '../../src/sandbox/v1-routes.js';

const ID = '5f00000000000000000000aa';

/** A path for the template: an id where an id goes, an encoded slash where any text may. */
function samplePath(route: Route): string {
  return route.path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    route.values?.[name] ? 'a%2Fb' : ID,
  );
}

describe('the /v1 route table', () => {
  it('sends every template’s own path to that route, so no two templates overlap', () => {
    for (const route of V1_ROUTES) {
      const match = matchV1(route.method, samplePath(route));
      expect(match.route, `${route.method} ${route.path}`).toBe(route);
      expect(match.name).toBe(`${route.method} ${route.path}`);
    }
  });

  it('takes only a Kustomer id where the template does not say otherwise', () => {
    expect(matchV1('GET', '/v1/customers/not-an-id')).toEqual({
      route: undefined,
      name: 'GET /v1/customers/not-an-id',
      params: null,
    });
    expect(matchV1('GET', `/v1/customers/${ID}/extra`).route).toBeUndefined();
  });

  it('decodes what it captures, a list item by item, and says null for a broken encoding', () => {
    const handle = () => ({ status: 200, body: null });
    const match = routeMatcher([
      {
        method: 'GET',
        path: '/x/{a}/y={b}',
        values: { a: 'text', b: 'text' },
        roles: null,
        handle,
      },
      { method: 'GET', path: '/list/{ids}', values: { ids: 'list' }, roles: null, handle },
    ]);
    expect(match('GET', '/x/a%2Fb%3F/y=%C3%BC%25..').params).toEqual(['a/b?', 'ü%..']);
    expect(match('GET', '/list/q1,q%2C2,%2F').params).toEqual(['q1', 'q,2', '/']);
    expect(match('GET', '/x/%zz/y=1')).toMatchObject({ name: 'GET /x/{a}/y={b}', params: null });
    expect(match('GET', '/x/a/b/y=1').route).toBeUndefined();
  });
});
