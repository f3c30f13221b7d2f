/**
 * The key-value backend on Redis: one command, or one small Lua script, per operation, so each
 * is atomic across every instance. Keys sit below the store's prefix.
 */
import type { Redis } from 'ioredis';
import type { KeyValueBackend } from './key-value.js';

/**
 * Sets the key when it is free or already holds this value (then extends it), in one step: a GET
 * then a SET could extend a lease another owner took in between. KEYS: 1 key; ARGV: 1 value, 2 ttl ms
 */
const SET_IF_FREE_OR_HELD = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Deletes the key only while it holds the value. KEYS: 1 key; ARGV: 1 value */
const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Counts, the expiry set by the first count. KEYS: 1 counter; ARGV: 1 ttl ms */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

export function redisKeyValue(redis: Redis, prefix: string): KeyValueBackend {
  const at = (key: string) => `${prefix}${key}`;
  return {
    get: (key) => redis.get(at(key)),
    async put(key, value) {
      await redis.set(at(key), value);
    },
    async setIfAbsent(key, value, { ttlMs, reentrant = false }) {
      if (reentrant) return (await redis.eval(SET_IF_FREE_OR_HELD, 1, at(key), value, ttlMs)) === 1;
      return (await redis.set(at(key), value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async increment(key, ttlMs) {
      return Number(await redis.eval(INCREMENT, 1, at(key), ttlMs));
    },
    async deleteIfEquals(key, value) {
      return (await redis.eval(DELETE_IF_EQUALS, 1, at(key), value)) === 1;
    },
  };
}
