import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { config, ROOT } from './helpers.js';

/**
 * Outputs fed to their consumers, an acceptance audit (D-200 ..): what the real Mermaid parser
 * makes of a diagram, and more below.
 */
const diagrams = (md: string): string[] => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('Mermaid: a stack named like a word of the sequence-diagram grammar (D-200)', () => {
  // legal z/OS stack names (1-8 letters, digits, @ # $) that Mermaid's lexer reads as keywords
  const WORDS = ['END', 'LOOP', 'NOTE', 'BOX', 'RECT', 'ALT', 'OPT', 'PAR', 'AND', 'ELSE', 'CREATE', 'DESTROY', 'ACTOR', 'OVER', 'CRITICAL', 'BREAK', 'OPTION', 'ACTIVATE', 'OFF', 'end'];
  const base = readFileSync(join(ROOT, 'specs/multi-stack-backup.yaml'), 'utf8').replace(/\nexpect:[\s\S]*$/, '\n')
    .replace('VIPABACKUP 100 201.2.10.11', 'VIPABACKUP 100 201.2.10.11\n        VIPABACKUP 100 201.2.10.12'); // TCPCS2 takes over the FTP DVIPA it has no FTP for

  it('is drawn under an id of its own, its name as the alias; every diagram parses with its actors and messages', async () => {
    const mermaid = (await import('mermaid')).default;
    for (const word of WORDS) {
      const cfg = config(base.replaceAll('TCPCS2', word));
      const md = renderMarkdown(cfg, await check(cfg));
      const ds = diagrams(md);
      expect(ds.length, word).toBeGreaterThan(0);
      for (const d of ds) {
        await expect(mermaid.parse(d), `${word}\n${d}`).resolves.toMatchObject({ diagramType: 'sequence' });
        const db = (await mermaid.mermaidAPI.getDiagramFromText(d)).db as { getActors(): Map<string, { description: string }>; getMessages(): { from: string; to: string }[] };
        expect([...db.getActors().values()].map((a) => a.description), word).toEqual(['Operator/failures', 'TCPCS', word, 'TCPCS3', 'Routers']);
        expect(db.getMessages().some((m) => m.from === 'stack_1'), word).toBe(true); // the takeover is drawn from that stack
      }
    }
  });
});
