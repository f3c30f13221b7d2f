/**
 * Teams (for routing and the settings page; cached) and the current token (the connection test:
 * GET /v1/auth/tokens/current works for any valid key whatever its roles).
 * https://developer.kustomer.com/api/access-management/get-teams
 */
import { isKustomerError } from '../errors.js';
import { permissionReport, type PermissionScope } from '../permissions.js';
import type { ClientCache } from '../cache.js';
import { listSchema, relatedId, singleSchema, teamResource, tokenResource } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { AuthToken, CallOptions, Team } from '../types.js';
import { collectPages } from './paging.js';

export function createTeams(transport: Transport, cache: ClientCache) {
  return {
    async list(options: CallOptions & { fresh?: boolean } = {}): Promise<Team[]> {
      const { fresh, ...callOptions } = options;
      const cached = fresh ? null : cache.getTeams();
      if (cached) return cached;
      try {
        const resources = await collectPages(transport, {
          lane: 'background',
          ...callOptions,
          method: 'GET',
          route: '/v1/teams',
          query: { pageSize: 500 },
          schema: listSchema(teamResource),
          roles: ['org.permission.team.read'],
        });
        const teams = resources.map((t) => ({
          id: t.id,
          // The schema guarantees one of the two.
          name: (t.attributes.displayName || t.attributes.name) as string,
        }));
        cache.putTeams(teams);
        return teams;
      } catch (error) {
        const stale = isKustomerError(error) && error.transient ? cache.staleTeams() : null;
        if (stale) return stale;
        throw error;
      }
    },
  };
}

export function createAuth(transport: Transport) {
  async function currentToken(options: CallOptions = {}): Promise<AuthToken> {
    const body = await transport.call({
      lane: 'background',
      ...options,
      method: 'GET',
      route: '/v1/auth/tokens/current',
      schema: singleSchema(tokenResource),
    });
    const token = body.data;
    return {
      id: token.id,
      name: token.attributes.name,
      roles: token.attributes.roles,
      orgId: relatedId(token, 'org'),
      userId: relatedId(token, 'user'),
      lastTokenChars: token.attributes.lastTokenChars,
    };
  }
  return {
    currentToken,
    permissionReport: async (options: CallOptions & PermissionScope = {}) => {
      const { queues, ...callOptions } = options;
      return permissionReport(await currentToken(callOptions), { queues: queues === true });
    },
  };
}
