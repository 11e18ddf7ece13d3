import type { ToolDefinition } from '@toolgrant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';
import { renderDemo } from './render-demo.js';

let catalog: ToolDefinition[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

describe('renderDemo', () => {
  it('lists the toolkit under model-safe names and shows one tool in both formats', () => {
    const output = renderDemo({ catalog, selection: 'Gmail' });
    expect(output).toMatch(/^Gmail 4\.1\.0 — 18 of the catalog's 508 tools/);
    expect(output).toContain('Gmail_ListEmails');
    expect(output).toContain('"strict": true');
    expect(output).toContain('"input_schema"');
    expect(output).toContain('user consents at google');
  });

  it('shows the model what was wrong with its arguments and the tool what it receives', () => {
    const output = renderDemo({ catalog, selection: 'Gmail.ListEmails' });
    const modelReads = output.split('the model reads:\n')[1]!.split('\n')[0]!;
    expect(modelReads).toMatch(/n_emails: expected an integer, received "five"/);
    expect(modelReads).toMatch(/colour: unknown argument/);
    const received = output.split('The tool receives:\n')[1]!.trim();
    expect(received).not.toContain('null');
  });

  it('prints the selected tools as JSON in the requested format', () => {
    const tools = JSON.parse(renderDemo({ catalog, selection: 'Math', format: 'openai' }));
    const mathToolCount = catalog.filter((tool) => tool.toolkit.name === 'Math').length;
    expect(tools).toHaveLength(mathToolCount);
    for (const tool of tools) {
      expect(tool.type).toBe('function');
      expect(tool.function.name).toMatch(/^Math_/);
      expect(tool.function.parameters.additionalProperties).toBe(false);
    }
  });

  it('names the toolkits to pick from when the selection is unknown', () => {
    expect(() => renderDemo({ catalog, selection: 'Gmial' })).toThrow(
      /No toolkit or tool is called "Gmial".*Gmail/,
    );
  });
});
