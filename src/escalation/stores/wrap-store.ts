/**
 * One way to put something around every call of a store (turning failures into an outage,
 * waking event streams after a write; in tests, injected faults and counted reads): each method
 * of each port, and the store's own (ping, durability, close), passes through `around` with its
 * name ('records.update', 'leases.acquire', 'ping'). Other members (kind, a backend's extras such
 * as the memory store's keyCount) pass through untouched.
 */
import { PORT_NAMES, type EscalationStore, type PortName } from '../store.js';

export interface StoreCall {
  /** 'records.update', 'settings.get', or 'ping' for the store's own methods. */
  name: string;
  args: unknown[];
  /** Makes the call on the wrapped store. */
  proceed(): Promise<unknown>;
}

export type AroundStoreCall = (call: StoreCall) => Promise<unknown>;

const isPortName = (key: string | symbol): key is PortName =>
  (PORT_NAMES as readonly (string | symbol)[]).includes(key);
const STORE_METHODS: readonly (string | symbol)[] = ['ping', 'durability', 'close'];

function wrapMethods<T extends object>(
  target: T,
  prefix: string,
  around: AroundStoreCall,
  skip: (name: string) => boolean,
  wraps: (key: string | symbol) => boolean = () => true,
): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key === 'symbol') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      const name = `${prefix}${key}`;
      if (!wraps(key) || skip(name)) return method.bind(object);
      return (...args: unknown[]) =>
        around({ name, args, proceed: () => Promise.resolve(method.apply(object, args)) });
    },
  });
}

/**
 * The store with `around` in front of each call; `skip` names calls left alone (for example
 * close). The result keeps the type of what it wraps, extra members included.
 */
export function wrapStore<S extends EscalationStore>(
  store: S,
  around: AroundStoreCall,
  skip: (name: string) => boolean = () => false,
): S {
  const ports = new Map<PortName, object>();
  const top = wrapMethods(store, '', around, skip, (key) => STORE_METHODS.includes(key));
  return new Proxy(top, {
    get(object, key, receiver) {
      if (!isPortName(key)) return Reflect.get(object, key, receiver) as unknown;
      let port = ports.get(key);
      if (!port) {
        port = wrapMethods(store[key], `${key}.`, around, skip);
        ports.set(key, port);
      }
      return port;
    },
  });
}
