/**
 * The API key's own token: its name and roles, which the module reads for its permission report.
 * Any valid key may read it, so it needs no role.
 */
import type { Route } from './route-types.js';

export const currentTokenRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/auth/tokens/current',
    roles: null,
    handle: ({ key }) => ({
      status: 200,
      body: {
        data: {
          type: 'auth_token',
          id: '5b0000000000000000000001',
          attributes: {
            name: key.name,
            roles: key.roles,
            lastTokenChars: 'test',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
          relationships: {
            org: {
              links: { self: '/v1/orgs/5a0000000000000000000001' },
              data: { type: 'org', id: '5a0000000000000000000001' },
            },
            user: {
              links: { self: '/v1/users/5c0000000000000000000001' },
              data: { type: 'user', id: '5c0000000000000000000001' },
            },
          },
          links: { self: '/v1/auth/tokens/current' },
        },
      },
    }),
  },
];
