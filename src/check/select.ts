import type { Property } from '../properties/api.js';
import type { Config } from '../spec/config.js';

/** Properties of a run: the spec's `properties` block, overridden by --only / --skip when given. */
export function selectProperties(all: readonly Property[], cfg: Config, only?: readonly string[] | null, skip?: readonly string[] | null): Property[] {
  const o = only ?? cfg.properties.only;
  const s = skip ?? cfg.properties.skip;
  return all.filter((p) => (o === null || o.includes(p.name)) && !s.includes(p.name) && (o !== null || applies(p, cfg)));
}

/** `hot-standby` is part of a run only when some stack distributes with DISTMETHOD HOTSTANDBY (unless asked for by name). */
function applies(p: Property, cfg: Config): boolean {
  return p.name !== 'hot-standby' || cfg.stacks.some((st) => st.distributes.some((d) => d.method === 'HOTSTANDBY'));
}
