import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as publicApi from './index.js';
import * as internal from './internal.js';

// The package's surface, so a change to it is a deliberate diff: the runtime exports and the
// exported type names of `@toolgrant/worker` and `@toolgrant/worker/internal`.

const entries = ['index.ts', 'internal.ts'].map((entry) => path.join(import.meta.dirname, entry));
let program: ts.Program | undefined;

function exportedTypeNames(entry: string): string[] {
  const file = path.join(import.meta.dirname, entry);
  program ??= ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@toolgrant/source'],
    resolveJsonModule: true,
    skipLibCheck: true,
    types: [],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} was not loaded`);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${file} has no exports`);
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) === 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

describe('@toolgrant/worker', () => {
  it('exports these values', () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      'AuthNotDeclaredError',
      'InvalidWorkerOptionsError',
      'InvalidWorkerTokenError',
      'RetryableToolError',
      'SecretNotDeclaredError',
      'ToolDefinitionError',
      'ToolError',
      'ToolExecutionError',
      'ToolRequirementsNotMetError',
      'UpstreamError',
      'apiKey',
      'createToolContext',
      'createToolLogger',
      'createWorkerHandler',
      'defineTool',
      'defineToolkit',
      'isTool',
      'oauth2',
      'serveWorker',
      'toToolDefinition',
    ]);
  });

  it('exports these types', { timeout: 60_000 }, () => {
    expect(exportedTypeNames('index.ts')).toEqual([
      'ApiKeyRequirement',
      'AuthRequirement',
      'CreateWorkerHandlerOptions',
      'DefineToolOptions',
      'OAuth2Requirement',
      'ServeWorkerOptions',
      'Tool',
      'ToolContext',
      'ToolErrorKind',
      'ToolLog',
      'ToolLogLevel',
      'ToolLogger',
      'ToolMetadata',
      'ToolOutputValue',
      'ToolRequirements',
      'Toolkit',
      'WorkerHandler',
      'WorkerServer',
      'WorkerTokenErrorCode',
    ]);
  });
});

describe('@toolgrant/worker/internal', () => {
  it('exports these values', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'InvalidExecuteToolRequestError',
      'createRedactor',
      'executeTool',
      'executeToolResponseSchema',
      'maxWorkerTokenLifetimeSeconds',
      'parseExecuteToolRequest',
      'safeParseExecuteToolResponse',
      'safeParseWorkerHealthResponse',
      'signWorkerToken',
      'toErrorEnvelope',
      'verifyWorkerToken',
      'workerHealthResponseSchema',
      'workerTokenAudience',
      'workerTokenVersion',
    ]);
  });

  it('exports these types', { timeout: 60_000 }, () => {
    expect(exportedTypeNames('internal.ts')).toEqual([
      'ErrorEnvelope',
      'ExecuteToolOptions',
      'ExecuteToolRequest',
      'ExecuteToolResponse',
      'ExecuteToolResponseError',
      'ToolExecutionErrorOutput',
      'ToolExecutionResult',
      'WorkerHealthResponse',
      'WorkerTokenClaims',
    ]);
  });
});
