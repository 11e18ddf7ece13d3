// The Arcade v1 tool definition, as `/v1/tools` serves it.

/** The Arcade value types. */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'json' | 'array';

/** The type of a parameter or output value, in the Arcade v1 shape. */
export interface ValueSchema {
  val_type: ValueType;
  /** The item type of an `array`. */
  inner_val_type?: Exclude<ValueType, 'array'> | null;
  /** Allowed values of a `string`, or of the items of an array of strings. */
  enum?: string[] | null;
  /** The keys of a `json` object. */
  properties?: Record<string, PropertySchema> | null;
  /** The keys of the objects inside an `array` of `json`. */
  inner_properties?: Record<string, PropertySchema> | null;
  description?: string | null;
}

/** A key of a `json` object: a value schema that may be required. */
export interface PropertySchema extends ValueSchema {
  /** Absent or null means optional: a key is only demanded when the server says so. */
  required?: boolean | null;
}

/** One input parameter of a tool. */
export interface ToolParameter {
  name: string;
  required: boolean;
  description?: string | null;
  inferrable?: boolean | null;
  value_schema: ValueSchema;
}

/** The status of a user's token for a tool, as the engine reports it. */
export type TokenStatus = 'not_started' | 'pending' | 'completed' | 'failed';

/** The OAuth 2.0 (or API key) authorization a tool needs. */
export interface AuthorizationRequirement {
  id?: string | null;
  provider_id?: string | null;
  provider_type?: string | null;
  status?: string | null;
  token_status?: TokenStatus | null;
  oauth2?: { scopes?: string[] | null } | null;
}

/** A secret a tool needs, and whether the engine has it. */
export interface SecretRequirement {
  key: string;
  met?: boolean | null;
}

/** A tool definition in the Arcade v1 shape, as `/v1/tools` serves it. */
export interface ToolDefinition {
  name: string;
  /** `Toolkit.Tool`, for example `Gmail.ListEmails`. */
  qualified_name: string;
  /** `Toolkit.Tool@version`, for example `Gmail.ListEmails@4.1.0`. */
  fully_qualified_name: string;
  description?: string | null;
  toolkit: { name: string; version?: string | null; description?: string | null };
  input: { parameters: ToolParameter[] };
  output?: {
    available_modes?: string[] | null;
    description?: string | null;
    value_schema?: ValueSchema | null;
  } | null;
  requirements?: {
    authorization?: AuthorizationRequirement | null;
    secrets?: SecretRequirement[] | null;
    met?: boolean | null;
  } | null;
  metadata?: Record<string, unknown> | null;
}
