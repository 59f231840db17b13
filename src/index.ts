/**
 * dvipa-verify as a library:
 *   import { loadSpec, check, invariant } from 'dvipa-verify';
 */
export { loadSpec, loadSpecText, type LoadResult, type LoadOptions } from './spec/load.js';
export type { Config, StackConfig, DvipaDef, ClientConfig, AppConfig, Environment, Finding, SourcePos } from './spec/config.js';
export { formatSpecError, type SpecError } from './spec/errors.js';
export { check, allProperties, type CheckOptions, type CheckReport, type PropertyResult, type RandomSettings } from './check/check.js';
export { simulate, type SimulateResult } from './check/simulate.js';
export { lint } from './check/lint.js';
export { compare, type Comparison } from './check/compare.js';
export { readSavedTrace, replayTrace, type ReplayResult, type SavedTrace } from './check/replay.js';
export type { Trace, TraceStep, Violation } from './check/trace.js';
export { invariant, stepProperty, isProperty } from './properties/api.js';
export type { Invariant, StepProperty, Property, Verdict, Sysplex, EventView, StateView, StateJSON, DvipaInfo } from './properties/api.js';
export { loadPropertyModules } from './properties/load-modules.js';
export { BUILTIN_PROPERTIES } from '../properties/index.js';
export { renderCheckText, renderTrace, PLAIN } from './render/text.js';
export { renderMarkdown } from './render/markdown.js';
export { renderHtml } from './render/html.js';
export { renderJunit } from './render/junit.js';
export { traceToItf } from './render/itf.js';
