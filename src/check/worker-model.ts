import type { EngineProperty, PackedModel } from '../engine/model.js';
import { DvipaModel } from '../model/model.js';
import { bindProperties } from '../properties/bind.js';
import { loadPropertyModules } from '../properties/load-modules.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { selectProperties } from './select.js';

/** What a BFS worker thread needs to rebuild the same model and properties as the main thread. */
export interface WorkerArgs {
  readonly cfg: Config;
  readonly only: readonly string[] | null;
  readonly skip: readonly string[] | null;
  readonly modules: readonly string[];
  readonly symmetry: boolean;
}

export async function createWorkerModel(args: WorkerArgs): Promise<{ model: PackedModel; props: EngineProperty[] }> {
  let extra: Awaited<ReturnType<typeof loadPropertyModules>> = { properties: [], sources: new Map(), modules: [] };
  if (args.modules.length > 0) {
    extra = await loadPropertyModules(args.modules, BUILTIN_PROPERTIES.map((p) => p.name));
    if (!('properties' in extra)) throw new Error(`${extra.file}:${extra.line}: ${extra.message}`);
  }
  const model = new DvipaModel(args.cfg, false, args.symmetry);
  const props = selectProperties([...BUILTIN_PROPERTIES, ...extra.properties], args.cfg, args.only, args.skip);
  return { model, props: bindProperties(model, props, extra.sources) };
}
