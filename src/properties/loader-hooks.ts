/**
 * Module hooks (node:module register) for user property modules: the bare specifier
 * 'dvipa-verify' resolves to this package wherever the module lives, and TypeScript files are
 * transpiled on the fly (types stripped, lines kept): by sucrase, and by typescript where sucrase
 * refuses the text, so that a syntax error is reported as typescript reports it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stripTypes } from './strip-types.js';

const INDEX = new URL('../index.js', import.meta.url).href;

interface Ctx { parentURL?: string; format?: string | null }
type Next<R> = (spec: string, ctx: Ctx) => Promise<R>;

export async function resolve(specifier: string, context: Ctx, next: Next<{ url: string }>): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'dvipa-verify') return { url: INDEX, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url: string, context: Ctx, next: Next<{ format: string; source: unknown }>): Promise<{ format: string; source: unknown; shortCircuit?: boolean }> {
  if (!/\.(ts|mts|cts)$/.test(url) || !url.startsWith('file:')) return next(url, context);
  const text = await readFile(fileURLToPath(url), 'utf8');
  const fast = await stripTypes(text, fileURLToPath(url)); // typescript only for the errors
  if (fast !== null) return { format: 'module', source: fast, shortCircuit: true };
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(text, {
    fileName: fileURLToPath(url), reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, verbatimModuleSyntax: false },
  });
  const d = out.diagnostics?.[0];
  if (d && d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const err = new SyntaxError(`${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    (err as { dvipaPos?: unknown }).dvipaPos = { line: line + 1, column: character + 1 };
    err.stack = `SyntaxError: ${err.message}\n    at ${fileURLToPath(url)}:${line + 1}:${character + 1}`;
    throw err;
  }
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
