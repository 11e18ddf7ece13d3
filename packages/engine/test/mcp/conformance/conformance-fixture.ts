import { randomBytes } from 'node:crypto';
import {
  acceptedContent,
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  createRequestStateCodec,
  type InputRequests,
  type InputRequiredResult,
  inputRequired,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server';
import type {
  McpExtensionEndpoint,
  McpExtensionTool,
  McpServerExtension,
} from '../../../src/internal.js';

// The `test_*` tools the official conformance suite (`@modelcontextprotocol/conformance`) calls
// by name, plugged into the engine's MCP endpoint beside its registry. The scenarios check
// shapes (a text block, an image block, progress under the caller's token, an `input_required`
// round that completes once answered), so each tool does the least that shape needs. Names and
// behaviours follow the scenarios in modelcontextprotocol/conformance
// (src/scenarios/server/tools.ts, input-required-result.ts, stateless.ts, json-schema-2020-12.ts,
// elicitation-defaults.ts, elicitation-enums.ts, http-standard-headers.ts). Served only by the
// conformance test: the engine's own tools come from its registry and need none of this.

type Answer = CallToolResult | InputRequiredResult;
type Handler = (input: Record<string, unknown>, context: ServerContext) => Promise<Answer>;

// A 1×1 transparent PNG and a silent WAV with no samples: the smallest valid payloads.
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const silentWav = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=';

const noArguments: Tool['inputSchema'] = { type: 'object', properties: {} };
const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function tool(
  name: string,
  description: string,
  call: Handler,
  inputSchema: Tool['inputSchema'] = noArguments,
): McpExtensionTool {
  return { definition: { name, description, inputSchema }, call };
}

const askName = () =>
  inputRequired.elicit({
    message: 'What is your name?',
    requestedSchema: {
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
    },
  });
const askConfirmation = () =>
  inputRequired.elicit({
    message: 'Please confirm.',
    requestedSchema: {
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
    },
  });
const askGreeting = () =>
  inputRequired.createMessage({
    messages: [{ role: 'user', content: { type: 'text', text: 'Write a one-line greeting.' } }],
    maxTokens: 50,
  });

/** The conformance fixture: its tools, the `logging` capability they use, and its own state seal. */
export function createConformanceFixture(): McpServerExtension {
  // The fixture's multi-round tools seal their own state; the engine opens its own first.
  const codec = createRequestStateCodec<Record<string, unknown>>({ key: randomBytes(32) });
  let endpoint: McpExtensionEndpoint | undefined;
  const seal = (payload: Record<string, unknown>, context: ServerContext) =>
    codec.mint({ ...payload, nonce: randomBytes(8).toString('hex') }, context);
  return {
    capabilities: { logging: {} },
    tools: [
      ...contentTools(),
      ...notifyingTools(() => endpoint?.notifyToolsChanged()),
      ...serverRequestTools(),
      ...inputRequiredTools(seal),
    ],
    openRequestState: (sealed, context) => codec.verify(sealed, context),
    attach: (attached) => {
      endpoint = attached;
    },
  };
}

function contentTools(): McpExtensionTool[] {
  return [
    tool('test_simple_text', 'Answers with one text block.', async () =>
      text('A simple text answer from the conformance fixture.'),
    ),
    tool('test_image_content', 'Answers with one PNG image block.', async () => ({
      content: [{ type: 'image', data: onePixelPng, mimeType: 'image/png' }],
    })),
    tool('test_audio_content', 'Answers with one WAV audio block.', async () => ({
      content: [{ type: 'audio', data: silentWav, mimeType: 'audio/wav' }],
    })),
    tool('test_embedded_resource', 'Answers with one embedded resource.', async () => ({
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'Embedded resource text.',
          },
        },
      ],
    })),
    tool(
      'test_multiple_content_types',
      'Answers with a text, an image and a resource block.',
      async () => ({
        content: [
          { type: 'text', text: 'Three kinds of content follow.' },
          { type: 'image', data: onePixelPng, mimeType: 'image/png' },
          {
            type: 'resource',
            resource: {
              uri: 'test://mixed-content',
              mimeType: 'application/json',
              text: '{"kind":"mixed"}',
            },
          },
        ],
      }),
    ),
    tool('test_error_handling', 'Always fails, as a tool error.', async () => ({
      isError: true,
      content: [{ type: 'text', text: 'The conformance fixture fails this tool on purpose.' }],
    })),
    tool(
      'test_streaming_elicitation',
      'Completes without sending the client any request.',
      async () => text('Answered with the result alone.'),
    ),
    tool(
      'test_x_mcp_header',
      'Mirrors its region argument into the Mcp-Param-Region header (SEP-2243).',
      async (input) => text(`region=${typeof input.region === 'string' ? input.region : 'none'}`),
      {
        type: 'object',
        properties: {
          region: {
            type: 'string',
            description: 'Mirrored into Mcp-Param-Region.',
            'x-mcp-header': 'Region',
          },
          level: { type: 'integer', description: 'Not mirrored.' },
        },
      },
    ),
    tool(
      'json_schema_2020_12_tool',
      'Has an input schema with JSON Schema 2020-12 keywords that must reach the client unchanged.',
      async (input) => text(`Called with ${JSON.stringify(input)}`),
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: {
          address: {
            $anchor: 'addressDef',
            type: 'object',
            properties: { street: { type: 'string' }, city: { type: 'string' } },
          },
        },
        properties: {
          name: { type: 'string' },
          address: { $ref: '#/$defs/address' },
          contactMethod: { type: 'string', enum: ['phone', 'email'] },
          phone: { type: 'string' },
          email: { type: 'string' },
        },
        allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
        if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema 2020-12 keyword.
        then: { required: ['phone'] },
        else: { required: ['email'] },
        additionalProperties: false,
      },
    ),
  ];
}

function notifyingTools(notifyToolsChanged: () => void): McpExtensionTool[] {
  return [
    tool(
      'test_tool_with_logging',
      'Sends three log messages while it runs.',
      async (_input, context) => {
        for (const data of ['Started.', 'Working.', 'Done.']) {
          await context.mcpReq.notify({
            method: 'notifications/message',
            params: { level: 'info', data },
          });
          await pause(20);
        }
        return text('Logged three messages.');
      },
    ),
    tool(
      'test_logging_tool',
      'Logs through the request, which delivers only when the request set a log level.',
      async (_input, context) => {
        await context.mcpReq.log('info', 'test_logging_tool ran.');
        return text('Logged once, if asked to.');
      },
    ),
    tool(
      'test_tool_with_progress',
      'Reports progress 0, 50 and 100 under the progress token the caller sent.',
      async (_input, context) => {
        const progressToken = context.mcpReq._meta?.progressToken;
        // The spec allows progress only under a token the client sent.
        if (progressToken !== undefined) {
          for (const progress of [0, 50, 100]) {
            await context.mcpReq.notify({
              method: 'notifications/progress',
              params: { progressToken, progress, total: 100, message: `${progress} of 100` },
            });
            await pause(20);
          }
        }
        return text(String(progressToken ?? 'no progress token'));
      },
    ),
    tool('test_trigger_tool_change', 'Publishes notifications/tools/list_changed.', async () => {
      notifyToolsChanged();
      return text('Published tools/list_changed.');
    }),
  ];
}

// 2025-11-25 tools that send the client a request mid-call (sampling, form elicitation).
function serverRequestTools(): McpExtensionTool[] {
  return [
    tool(
      'test_sampling',
      'Asks the client’s model to complete a prompt.',
      async (input, context) => {
        const prompt = typeof input.prompt === 'string' ? input.prompt : 'Say hello.';
        const answer = (await context.mcpReq.send({
          method: 'sampling/createMessage',
          params: {
            messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
            maxTokens: 100,
          },
        })) as { content?: { text?: string } };
        return text(`The model answered: ${answer.content?.text ?? '(no text)'}`);
      },
      {
        type: 'object',
        properties: { prompt: { type: 'string', description: 'What to ask the model.' } },
        required: ['prompt'],
      },
    ),
    tool(
      'test_elicitation',
      'Asks the user for one line of text.',
      async (input, context) =>
        elicitForm(context, typeof input.message === 'string' ? input.message : 'Your answer?', {
          type: 'object',
          properties: { response: { type: 'string', description: 'The user’s answer.' } },
          required: ['response'],
        }),
      {
        type: 'object',
        properties: { message: { type: 'string', description: 'What to ask the user.' } },
        required: ['message'],
      },
    ),
    tool(
      'test_elicitation_sep1034_defaults',
      'Asks for a form whose fields have defaults (SEP-1034).',
      async (_input, context) =>
        elicitForm(context, 'Check these fields; each has a default.', {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'Name', default: 'John Doe' },
            age: { type: 'integer', description: 'Age', default: 30 },
            score: { type: 'number', description: 'Score', default: 95.5 },
            status: {
              type: 'string',
              description: 'Status',
              enum: ['active', 'inactive', 'pending'],
              default: 'active',
            },
            verified: { type: 'boolean', description: 'Verified', default: true },
          },
          required: [],
        }),
    ),
    tool(
      'test_elicitation_sep1330_enums',
      'Asks for a form with every enum variant (SEP-1330).',
      async (_input, context) =>
        elicitForm(context, 'Choose from these options.', {
          type: 'object',
          properties: {
            untitledSingle: {
              type: 'string',
              description: 'One option',
              enum: ['option1', 'option2', 'option3'],
            },
            titledSingle: {
              type: 'string',
              description: 'One option, titled',
              oneOf: [
                { const: 'value1', title: 'First Option' },
                { const: 'value2', title: 'Second Option' },
                { const: 'value3', title: 'Third Option' },
              ],
            },
            legacyEnum: {
              type: 'string',
              description: 'One option, legacy titles',
              enum: ['opt1', 'opt2', 'opt3'],
              enumNames: ['Option One', 'Option Two', 'Option Three'],
            },
            untitledMulti: {
              type: 'array',
              description: 'Several options',
              minItems: 1,
              maxItems: 3,
              items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
            },
            titledMulti: {
              type: 'array',
              description: 'Several options, titled',
              minItems: 1,
              maxItems: 3,
              items: {
                anyOf: [
                  { const: 'value1', title: 'First Choice' },
                  { const: 'value2', title: 'Second Choice' },
                  { const: 'value3', title: 'Third Choice' },
                ],
              },
            },
          },
          required: [],
        }),
    ),
  ];
}

async function elicitForm(
  context: ServerContext,
  message: string,
  requestedSchema: Record<string, unknown>,
): Promise<CallToolResult> {
  const answer = (await context.mcpReq.send({
    method: 'elicitation/create',
    params: { mode: 'form', message, requestedSchema },
  })) as { action?: string; content?: unknown };
  return text(`The user chose ${answer.action}: ${JSON.stringify(answer.content ?? {})}`);
}

// 2026-07-28 multi-round tools: each answers `input_required` until the retry carries what it
// asked for. State that must survive a round is sealed by the fixture's codec.
function inputRequiredTools(
  seal: (payload: Record<string, unknown>, context: ServerContext) => Promise<string>,
): McpExtensionTool[] {
  return [
    tool('test_missing_capability', 'Needs the client’s sampling capability.', async (_i, c) =>
      c.mcpReq.inputResponses?.answer === undefined
        ? inputRequired({ inputRequests: { answer: askGreeting() } })
        : text('Sampled.'),
    ),
    tool(
      'test_input_required_result_elicitation',
      'Asks for the caller’s name by elicitation.',
      async (_input, context) => {
        const name = acceptedContent<{ name: string }>(
          context.mcpReq.inputResponses,
          'user_name',
        )?.name;
        return typeof name === 'string'
          ? text(`Hello, ${name}.`)
          : inputRequired({ inputRequests: { user_name: askName() } });
      },
    ),
    tool(
      'test_input_required_result_sampling',
      'Asks the client’s model a question.',
      async (_input, context) => {
        const answer = context.mcpReq.inputResponses?.capital_question as
          | { content?: { text?: string } }
          | undefined;
        if (answer === undefined) {
          return inputRequired({
            inputRequests: {
              capital_question: inputRequired.createMessage({
                messages: [
                  {
                    role: 'user',
                    content: { type: 'text', text: 'What is the capital of France?' },
                  },
                ],
                maxTokens: 100,
              }),
            },
          });
        }
        return text(`The model answered: ${answer.content?.text ?? JSON.stringify(answer)}`);
      },
    ),
    tool(
      'test_input_required_result_list_roots',
      'Asks for the client’s roots.',
      async (_input, context) => {
        const answer = context.mcpReq.inputResponses?.client_roots as
          | { roots?: { uri?: string }[] }
          | undefined;
        return Array.isArray(answer?.roots)
          ? text(`${answer.roots.length} root(s): ${answer.roots.map((r) => r.uri).join(', ')}`)
          : inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
      },
    ),
    ...['request_state', 'tampered_state'].map((kind) =>
      tool(
        `test_input_required_result_${kind}`,
        'Asks for a confirmation and carries sealed state across the round.',
        async (_input, context) => {
          const confirmed = acceptedContent(context.mcpReq.inputResponses, 'confirm') !== undefined;
          if (confirmed && context.mcpReq.requestState() !== undefined) {
            return text('Confirmed, with the state intact.');
          }
          return inputRequired({
            inputRequests: { confirm: askConfirmation() },
            requestState: await seal({ tool: kind }, context),
          });
        },
      ),
    ),
    tool(
      'test_input_required_result_multiple_inputs',
      'Asks for a name, a greeting and the roots in one round.',
      async (_input, context) => {
        const responses = context.mcpReq.inputResponses;
        const name = acceptedContent<{ name: string }>(responses, 'user_name')?.name;
        const greeting = (responses?.greeting as { content?: { text?: string } } | undefined)
          ?.content?.text;
        const roots = (responses?.client_roots as { roots?: unknown[] } | undefined)?.roots;
        if (typeof name === 'string' && typeof greeting === 'string' && Array.isArray(roots)) {
          return text(`${greeting} ${name} (${roots.length} root(s))`);
        }
        return inputRequired({
          inputRequests: {
            user_name: askName(),
            greeting: askGreeting(),
            client_roots: inputRequired.listRoots(),
          },
          requestState: await seal({ tool: 'multiple_inputs' }, context),
        });
      },
    ),
    tool(
      'test_input_required_result_multi_round',
      'Asks two questions in two rounds, its progress kept in sealed state.',
      async (_input, context) => {
        const state = context.mcpReq.requestState<{
          tool?: string;
          round?: number;
          name?: string;
        }>();
        const round = state?.tool === 'multi_round' ? (state.round ?? 0) : 0;
        if (round === 0) {
          return inputRequired({
            inputRequests: { step1: askName() },
            requestState: await seal({ tool: 'multi_round', round: 1 }, context),
          });
        }
        if (round === 1) {
          const name =
            acceptedContent<{ name: string }>(context.mcpReq.inputResponses, 'step1')?.name ??
            'someone';
          return inputRequired({
            inputRequests: {
              step2: inputRequired.elicit({
                message: 'What is your favourite colour?',
                requestedSchema: {
                  type: 'object',
                  properties: { color: { type: 'string' } },
                  required: ['color'],
                },
              }),
            },
            requestState: await seal({ tool: 'multi_round', round: 2, name }, context),
          });
        }
        const color =
          acceptedContent<{ color: string }>(context.mcpReq.inputResponses, 'step2')?.color ??
          'no colour';
        return text(`${state?.name ?? 'someone'} likes ${color}.`);
      },
    ),
    tool(
      'test_input_required_result_capabilities',
      'Asks only for the kinds of input the client declared.',
      async (_input, context) => {
        if (context.mcpReq.inputResponses !== undefined) {
          return text('Answered what the client could answer.');
        }
        // The published types leave the envelope's keys out; it carries the declared capabilities.
        const envelope = context.mcpReq.envelope as
          | Record<string, ClientCapabilities | undefined>
          | undefined;
        const declared = envelope?.[CLIENT_CAPABILITIES_META_KEY];
        const inputRequests: InputRequests = {};
        if (declared?.elicitation !== undefined) inputRequests.user_name = askName();
        if (declared?.sampling !== undefined) inputRequests.greeting = askGreeting();
        if (declared?.roots !== undefined) inputRequests.client_roots = inputRequired.listRoots();
        return Object.keys(inputRequests).length === 0
          ? text('The client declared no capability that can answer a question.')
          : inputRequired({ inputRequests });
      },
    ),
  ];
}
