import { identityValue, maxEncodedIdLength } from '../shared/identity-value.js';

// Every id field the API takes, defined once: routes use these, so each id in every route is
// held to the rules of `identityValue`.

export const idFields = {
  userId: identityValue({
    field: 'user_id',
    noun: 'user ids',
    description: 'the id of the end user (any stable id from your application)',
  }),
  toolName: identityValue({
    field: 'tool_name',
    noun: 'tool names',
    description: "the tool's name, for example 'Gmail.ListEmails'",
  }),
  toolVersion: identityValue({
    field: 'tool_version',
    noun: 'tool versions',
    description: "a version of the tool's toolkit, for example '1.2.0'",
  }),
  toolkit: identityValue({
    field: 'toolkit',
    noun: 'toolkit names',
    description: "a toolkit's name, for example 'Gmail'",
  }),
  providerId: identityValue({
    field: 'provider_id',
    noun: 'provider ids',
    description: "the engine's provider id, for example 'google'",
  }),
  flowId: identityValue({
    field: 'flow_id',
    noun: 'flow ids',
    description: 'the flow_id your verifier page received',
  }),
  authorizationId: identityValue({
    field: 'id',
    noun: 'authorization ids',
    description: 'the authorization id from an authorize response',
    maxLength: maxEncodedIdLength,
  }),
  connectionId: identityValue({
    field: 'id',
    noun: 'connection ids',
    description: 'a connection id from GET /v1/admin/user_connections',
    maxLength: maxEncodedIdLength,
  }),
};
