/** The org's teams, paged with links.next as Kustomer pages them. */
import { page, teamResource } from './envelope.js';
import type { Route } from './route-types.js';

export const teamRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/teams',
    roles: ['org.permission.team.read'],
    handle: (ctx) => ({
      status: 200,
      body: page(ctx.core.store.data.teams.map(teamResource), ctx.path, ctx.query, 500),
    }),
  },
];
