/**
 * Name-keyed maps of the JSON state (stacks, applications, statuses, connections, targets) take
 * names from the spec: an application may be called `__proto__` or `constructor`, a stack
 * `toString` or `valueOf` (D-230). A plain `o[name] = v` with `__proto__` sets the prototype and
 * the entry vanishes; a plain `o[name]` of a missing `toString` reads Object.prototype's function.
 * These two helpers write and read own properties only.
 */
export function put<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export function own<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
