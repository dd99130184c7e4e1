/**
 * Redis through @keyv/redis, configured to fail loudly: no offline queue (a command while disconnected
 * fails at once instead of hanging), short connect and command timeouts, throwing on errors, and an
 * error listener (node-redis would otherwise crash the process). The client keeps reconnecting in the
 * background, so the store recovers by itself when Redis returns.
 * Atomic operations use the client directly: SET NX PX, and Lua for compare-and-delete/expire.
 */
import KeyvRedis from '@keyv/redis';
import { createClient } from '@redis/client';
import type { Store } from '../../app/ports/store.js';
import { BotError } from '../../core/errors.js';
import { type AtomicOps, createKeyv, envelope, KeyvStore } from './keyv-store.js';
import { redactUrl } from './redact-url.js';

const NAMESPACE = 'clerk-status';
const SEPARATOR = '::';
const COMMAND_TIMEOUT_MS = 2_000;

// Values are keyv envelopes {"value":…,"expires":…}. Compare the stored value with the expected JSON by
// structure, not by text: Lua tables have no key order, so re-encoding cannot be compared as a string.
const DEEP_EQUAL = `
local function eq(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= 'table' then return a == b end
  for k, v in pairs(a) do if not eq(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
local function matches(raw, expected)
  local ok, envelope = pcall(cjson.decode, raw)
  return ok and type(envelope) == 'table' and eq(envelope.value, cjson.decode(expected))
end`;

const COMPARE_AND_DELETE = `${DEEP_EQUAL}
local raw = redis.call('GET', KEYS[1])
if raw and matches(raw, ARGV[1]) then return redis.call('DEL', KEYS[1]) end
return 0`;

const COMPARE_AND_SET = `${DEEP_EQUAL}
local raw = redis.call('GET', KEYS[1])
if raw and matches(raw, ARGV[1]) then
  if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
return 0`;

const COMPARE_AND_EXPIRE = `${DEEP_EQUAL}
local raw = redis.call('GET', KEYS[1])
if raw and matches(raw, ARGV[1]) then
  local envelope = cjson.decode(raw)
  envelope.expires = tonumber(ARGV[2])
  redis.call('SET', KEYS[1], cjson.encode(envelope), 'PX', ARGV[3])
  return 1
end
return 0`;

export interface RedisStoreOptions {
  /** Key prefix; tests use their own so parallel suites never share keys. */
  namespace?: string;
  /** Called for every client error, e.g. to log once per outage. */
  onError?: (error: Error) => void;
  onReady?: () => void;
}

/** Connects, failing fast: no offline queue, a short connect timeout, a few tries at start-up only. */
async function connect(url: string, options: RedisStoreOptions) {
  let connectedOnce = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      // At start-up give up after a few tries (the caller reports it); once connected, reconnect forever.
      reconnectStrategy: (retries, cause) =>
        !connectedOnce && retries >= 2 ? cause : Math.min(100 * 2 ** retries, 2_000),
    },
  });
  client.on('error', (error: Error) => options.onError?.(error));
  client.on('ready', () => options.onReady?.());
  try {
    await client.connect();
    connectedOnce = true;
    return client;
  } catch (error) {
    if (client.isOpen) await client.destroy();
    throw new BotError('STORE_UNAVAILABLE', `Cannot connect to Redis at ${redactUrl(url)}`, { cause: error });
  }
}

type TimedClient = ReturnType<Awaited<ReturnType<typeof connect>>['withCommandOptions']>;

/** Set-if-absent that returns what is there when it did not write. */
const CLAIM = `
local raw = redis.call('GET', KEYS[1])
if raw then return raw end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return false`;

/**
 * The atomic operations keyv lacks: a claim and the compare-and-* family as Lua scripts comparing the stored
 * value by structure, batches as MULTI/EXEC, indexes as Redis sets.
 */
function redisAtomics(timed: TimedClient, prefixed: (key: string) => string): AtomicOps {
  const script = async (lua: string, key: string, args: string[]) =>
    (await timed.eval(lua, { keys: [prefixed(key)], arguments: args })) === 1;
  const indexKey = (name: string) => prefixed(`index::${name}`);
  return {
    async claim(key, value, ttlMs) {
      const raw = await timed.eval(CLAIM, {
        keys: [prefixed(key)],
        arguments: [envelope(value, ttlMs), ttlMs ? String(ttlMs) : ''],
      });
      if (typeof raw !== 'string') return { claimed: true };
      return { claimed: false, current: (JSON.parse(raw) as { value: unknown }).value };
    },
    compareAndSet: (key, expected, next, ttlMs) =>
      script(COMPARE_AND_SET, key, [
        JSON.stringify(expected),
        envelope(next, ttlMs),
        ttlMs ? String(ttlMs) : '',
      ]),
    compareAndDelete: (key, expected) => script(COMPARE_AND_DELETE, key, [JSON.stringify(expected)]),
    compareAndExpire: (key, expected, ttlMs) =>
      script(COMPARE_AND_EXPIRE, key, [JSON.stringify(expected), String(Date.now() + ttlMs), String(ttlMs)]),
    async write(writes) {
      const multi = timed.multi();
      for (const w of writes) {
        if (w.op === 'set')
          multi.set(
            prefixed(w.key),
            envelope(w.value, w.ttlMs),
            w.ttlMs ? { expiration: { type: 'PX', value: w.ttlMs } } : {},
          );
        else if (w.op === 'delete') multi.del(prefixed(w.key));
        else if (w.op === 'indexAdd') multi.sAdd(indexKey(w.index), w.member);
        else multi.sRem(indexKey(w.index), w.member);
      }
      await multi.exec();
    },
    members: async (index) => (await timed.sMembers(indexKey(index))).map(String).sort(),
    async ping() {
      await timed.ping();
    },
  };
}

export async function openRedisStore(url: string, options: RedisStoreOptions = {}): Promise<Store> {
  const client = await connect(url, options);
  const namespace = options.namespace ?? NAMESPACE;
  const timed = client.withCommandOptions({ timeout: COMMAND_TIMEOUT_MS });
  const adapter = new KeyvRedis(timed, {
    namespace,
    keyPrefixSeparator: SEPARATOR,
    throwOnErrors: true,
    throwOnConnectError: true,
  });
  adapter.on('error', () => {});
  const keyv = createKeyv(adapter, namespace);
  const atomics = redisAtomics(timed, (key) => `${namespace}${SEPARATOR}${key}`);
  return new KeyvStore(
    'redis',
    keyv,
    atomics,
    async () => {
      if (client.isOpen) await client.close();
      else await client.destroy();
    },
    () => evictionWarnings(timed),
    COMMAND_TIMEOUT_MS,
  );
}

/**
 * Redis evicts keys under memory pressure unless `maxmemory-policy` is `noeviction`: threads, claims and
 * subscriptions would vanish (claims and threads carry a TTL, so even `volatile-*` takes them). A managed Redis that
 * refuses CONFIG GET is named too: the operator has to check it.
 */
async function evictionWarnings(client: { configGet(parameter: string): Promise<Record<string, string>> }) {
  try {
    const policy = (await client.configGet('maxmemory-policy'))['maxmemory-policy'];
    if (policy === undefined || policy === 'noeviction') return [];
    return [
      `Redis maxmemory-policy is ${policy}: under memory pressure Redis deletes keys (subscriptions, threads, delivery records). Set maxmemory-policy noeviction.`,
    ];
  } catch {
    return [
      "Could not read Redis maxmemory-policy (CONFIG GET refused): make sure it is noeviction, or Redis may delete the bot's keys under memory pressure.",
    ];
  }
}
