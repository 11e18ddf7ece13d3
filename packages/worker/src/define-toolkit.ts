import { isTool, type Tool } from './define-tool.js';
import { ToolDefinitionError } from './tool-definition-error.js';

// A named, versioned set of tools: the unit the engine hosts and serves as `Toolkit.Tool@version`.

/** A named, versioned set of tools: the unit the engine hosts and serves. */
export interface Toolkit<Tools extends readonly Tool[] = readonly Tool[]> {
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly tools: Tools;
}

// No '_' in toolkit names: the engine also accepts `Toolkit_Tool`, which must split one way only.
const namePattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
// Semantic Versioning 2.0.0 (semver.org), without a leading 'v'.
const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** OpenAI's limit on function names, which are `Toolkit_Tool`. */
const maxQualifiedNameLength = 64;

/** Defines a toolkit, checking its name, version and tools now rather than at the first call. */
export function defineToolkit<const Tools extends readonly Tool[]>({
  name,
  version,
  description,
  tools,
}: {
  /** Letters and digits, starting with a letter, for example 'Gmail'. */
  name: string;
  /** Semantic version, for example '1.2.0'. */
  version: string;
  description?: string;
  tools: Tools;
}): Toolkit<Tools> {
  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw new ToolDefinitionError({
      message: `defineToolkit() got the name ${JSON.stringify(name)}; a toolkit name starts with a letter and has at most 64 letters or digits, without '_' (for example 'Gmail' or 'GoogleCalendar').`,
    });
  }
  if (typeof version !== 'string' || !semverPattern.test(version)) {
    throw new ToolDefinitionError({
      message: `Toolkit '${name}' got the version ${JSON.stringify(version)}; use a semantic version such as '1.0.0' or '2.1.0-beta.1' (no leading 'v').`,
    });
  }
  if (description !== undefined && typeof description !== 'string') {
    throw new ToolDefinitionError({
      message: `Toolkit '${name}' got a ${typeof description} description; pass a string or leave it out.`,
    });
  }
  if (!Array.isArray(tools) || tools.length === 0) {
    throw new ToolDefinitionError({
      message: `Toolkit '${name}' has no tools; pass tools: [defineTool({...}), ...].`,
    });
  }
  // Names are compared case-insensitively: clients look tools up without regard to case.
  const seen = new Map<string, { name: string; index: number }>();
  tools.forEach((tool: unknown, index) => {
    if (!isTool(tool)) {
      throw new ToolDefinitionError({
        message: `Toolkit '${name}': tools[${index}] was not made by defineTool(); wrap it in defineTool({...}).`,
      });
    }
    const previous = seen.get(tool.name.toLowerCase());
    if (previous) {
      throw new ToolDefinitionError({
        message: `Toolkit '${name}' has two tools named alike: '${previous.name}' (tools[${previous.index}]) and '${tool.name}' (tools[${index}]). Rename one of them.`,
      });
    }
    seen.set(tool.name.toLowerCase(), { name: tool.name, index });
    const qualified = `${name}_${tool.name}`;
    if (qualified.length > maxQualifiedNameLength) {
      throw new ToolDefinitionError({
        message: `Toolkit '${name}': the tool name '${qualified}' is ${qualified.length} characters; model APIs accept at most ${maxQualifiedNameLength}. Shorten the toolkit or tool name.`,
      });
    }
  });
  return Object.freeze({
    name,
    version,
    description,
    tools: Object.freeze([...tools]) as unknown as Tools,
  });
}
