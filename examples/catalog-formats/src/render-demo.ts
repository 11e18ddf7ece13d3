import {
  type ToolDefinition,
  type ToolSchemaFormat,
  toJsonSchema,
  toToolNames,
  validateToolInput,
} from '@toolgrant/core';
import { strictModeArguments, wrongArguments } from './wrong-arguments.js';

export interface RenderDemoOptions {
  catalog: ToolDefinition[];
  /** A toolkit (`Gmail`) or one tool (`Gmail.ListEmails`). */
  selection: string;
  /** Print every selected tool in this format, as JSON only. */
  format?: ToolSchemaFormat;
}

export function renderDemo({ catalog, selection, format }: RenderDemoOptions): string {
  const tools = selectTools(catalog, selection);
  if (format)
    return JSON.stringify(
      tools.map((tool) => toJsonSchema(tool, format)),
      null,
      2,
    );

  const toolkit = tools[0]!.toolkit;
  const toolNames = [...toToolNames(tools).keys()];
  const featured = pickFeaturedTool(tools);
  const lines = [
    `${toolkit.name} ${toolkit.version ?? ''} — ${tools.length} of the catalog's ${catalog.length} tools`,
    '',
    ...tools.map((tool, index) => `  ${toolNames[index]!.padEnd(40)} ${describeAccess(tool)}`),
    '',
    `${featured.qualified_name} as an OpenAI tool (strict mode):`,
    JSON.stringify(toJsonSchema(featured, 'openai'), null, 2),
    '',
    `${featured.qualified_name} as an Anthropic tool:`,
    JSON.stringify(toJsonSchema(featured, 'anthropic'), null, 2),
    '',
    ...renderValidation(featured),
  ];
  return lines.join('\n');
}

function selectTools(catalog: ToolDefinition[], selection: string): ToolDefinition[] {
  const lowered = selection.toLowerCase();
  const tools = catalog.filter(
    (tool) =>
      tool.toolkit.name.toLowerCase() === lowered || tool.qualified_name.toLowerCase() === lowered,
  );
  if (tools.length > 0) return tools;
  const toolkits = [...new Set(catalog.map((tool) => tool.toolkit.name))].join(', ');
  throw new Error(
    `No toolkit or tool is called "${selection}". Pick a toolkit (${toolkits}) or a tool such as Gmail.ListEmails.`,
  );
}

// The tool that shows the most: one with optional parameters (the strict-mode nulls), then the
// one with the most parameters.
function pickFeaturedTool(tools: ToolDefinition[]): ToolDefinition {
  const score = (tool: ToolDefinition) =>
    (tool.input.parameters.some((parameter) => !parameter.required) ? 100 : 0) +
    tool.input.parameters.length;
  return tools.reduce((best, tool) => (score(tool) > score(best) ? tool : best));
}

function describeAccess(tool: ToolDefinition): string {
  const authorization = tool.requirements?.authorization;
  const secrets = tool.requirements?.secrets?.map((secret) => secret.key) ?? [];
  const parts: string[] = [];
  if (authorization) {
    const scopes = authorization.oauth2?.scopes ?? [];
    const provider = authorization.provider_id ?? 'an OAuth 2.0 provider';
    const scopeCount = scopes.length === 1 ? '1 scope' : `${scopes.length} scopes`;
    parts.push(`user consents at ${provider}${scopes.length ? ` (${scopeCount})` : ''}`);
  }
  if (secrets.length > 0) parts.push(`secrets ${secrets.join(', ')}`);
  return parts.join('; ') || 'no user consent needed';
}

function renderValidation(tool: ToolDefinition): string[] {
  const wrong = wrongArguments(tool);
  const rejected = validateToolInput(tool, wrong);
  const strict = strictModeArguments(tool);
  const accepted = validateToolInput(tool, strict);
  return [
    'A model sends wrong arguments:',
    `  ${JSON.stringify(wrong)}`,
    'Nothing is sent to the tool; the model reads:',
    `  ${rejected.success ? '(accepted)' : rejected.message}`,
    '',
    'A strict-mode model sends null for what it leaves out:',
    `  ${JSON.stringify(strict)}`,
    'The tool receives:',
    `  ${accepted.success ? JSON.stringify(accepted.input) : accepted.message}`,
  ];
}
