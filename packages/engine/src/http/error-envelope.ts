// The error envelope is one contract for the engine's API and its workers; it is defined with
// the worker protocol.
export { type ErrorEnvelope, toErrorEnvelope } from '@toolgrant/worker/internal';
