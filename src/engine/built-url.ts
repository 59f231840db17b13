/**
 * The URL of a compiled sibling module for worker threads: beside this module when running the
 * build (dist/), or its dist/ counterpart when the sources run directly (tests under vitest).
 */
export function builtUrl(relative: string, from: string): URL {
  const u = new URL(relative, from);
  if (from.endsWith('.js')) return u;
  return new URL(u.href.replace(/\/src\//, '/dist/src/').replace(/\.ts$/, '.js'));
}
