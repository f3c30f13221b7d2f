/**
 * Lua run inside Redis so each write and its index updates land together. Records are stored as
 * a hash { json, v, c, p } (c: createdAt, p: '1' while the timeline is pending, read by the
 * status summary without the JSON): the caller merges in JavaScript and the script writes only if the version
 * it read is still current (compare-and-set), which needs neither WATCH nor JSON inside Redis —
 * both unevenly supported by hosted Redis such as Upstash.
 *
 * KEYS: 1 record, 2 outbox zset, 3 conversation hash, 4 old-state set, 5 new-state set,
 *       6 finished zset (done or refused, scored by updatedAt, for retention),
 *       7 messages zset (records with later chat messages waiting, scored by when they are due),
 *       8 the analytics counters of the record's day (hash), 9 the days with counters (zset),
 *       10 the day before which counters were purged (string; a late change there is not counted)
 * ARGV: 1 id, 2 expected version ('' = must not exist), 3 json, 4 due score ('' = not due),
 *       5 conversationId, 6 finished score ('' = not finished), 7 messages due score ('' = none),
 *       8 createdAt, 9 timeline pending ('1' or '0'),
 *       10 the day (YYYY-MM-DD), 11.. field, change pairs for the day's counters
 *       (analytics/contribution.ts: what the record adds now minus what it added before)
 */
export const PUT_RECORD = `
local current = redis.call('HGET', KEYS[1], 'v')
if ARGV[2] == '' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
local nextV = tostring((tonumber(current) or 0) + 1)
redis.call('HSET', KEYS[1], 'json', ARGV[3], 'v', nextV, 'c', ARGV[8], 'p', ARGV[9])
if KEYS[4] ~= KEYS[5] then redis.call('SREM', KEYS[4], ARGV[1]) end
redis.call('SADD', KEYS[5], ARGV[1])
if ARGV[4] == '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[5], ARGV[1]) end
if ARGV[6] == '' then
  redis.call('ZREM', KEYS[6], ARGV[1])
else
  redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
end
if ARGV[7] == '' then
  redis.call('ZREM', KEYS[7], ARGV[1])
else
  redis.call('ZADD', KEYS[7], ARGV[7], ARGV[1])
end
local purgedBefore = redis.call('GET', KEYS[10])
if #ARGV >= 11 and (not purgedBefore or ARGV[10] >= purgedBefore) then
  for i = 11, #ARGV, 2 do
    if redis.call('HINCRBY', KEYS[8], ARGV[i], ARGV[i + 1]) == 0 then
      redis.call('HDEL', KEYS[8], ARGV[i])
    end
  end
  redis.call('ZADD', KEYS[9], 0, ARGV[10])
end
return 1
`;

/**
 * Deletes a record and its index entries, unless it changed since it was read (a replay of a dead
 * one, a late reply to a finished one).
 * KEYS: 1 record, 2 outbox, 3 conversation hash, 4 state set, 5 finished zset, 6 messages zset
 * ARGV: 1 id, 2 conversationId, 3 expected version
 */
export const DELETE_RECORD = `
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[3] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
if ARGV[2] ~= '' then redis.call('HDEL', KEYS[3], ARGV[2]) end
return 1
`;

/** Raises the purge limit of the analytics counters (never lowers it). KEYS: 1 limit; ARGV: 1 day */
export const RAISE_STATS_LIMIT = `
local current = redis.call('GET', KEYS[1])
if not current or ARGV[1] > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;
