import { describe, expect, it } from 'vitest';
import { measure, noParameters, sendEmail } from '../test/hand-written-definitions.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { validateToolInput } from './validate-tool-input.js';

const listEmails = parseToolDefinition({
  name: 'ListEmails',
  qualified_name: 'Gmail.ListEmails',
  toolkit: { name: 'Gmail', version: '4.1.0' },
  input: {
    parameters: [
      { name: 'n_emails', required: true, value_schema: { val_type: 'integer' } },
      {
        name: 'labels',
        required: false,
        value_schema: { val_type: 'array', inner_val_type: 'string', enum: ['INBOX', 'SENT'] },
      },
      { name: 'query', required: false, value_schema: { val_type: 'string' } },
    ],
  },
});

describe('validateToolInput', () => {
  it('returns the arguments when they are valid', () => {
    expect(validateToolInput(listEmails, { n_emails: 5, labels: ['SENT'] })).toEqual({
      success: true,
      input: { n_emails: 5, labels: ['SENT'] },
    });
  });

  it('lists each bad field and what was expected, in words a model can act on', () => {
    const result = validateToolInput(listEmails, { n_emails: 'five', labels: ['INBOX', 'SPAM'] });
    expect(result).toEqual({
      success: false,
      message:
        'Invalid arguments for Gmail.ListEmails: n_emails: expected an integer, received "five"; labels[1]: expected one of "INBOX", "SENT", received "SPAM"',
      issues: [
        { path: 'n_emails', keys: ['n_emails'], message: 'expected an integer, received "five"' },
        {
          path: 'labels[1]',
          keys: ['labels', 1],
          message: 'expected one of "INBOX", "SENT", received "SPAM"',
        },
      ],
    });
  });

  it('reports missing required arguments and unknown ones', () => {
    const result = validateToolInput(listEmails, { count: 5 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([
      { path: 'n_emails', keys: ['n_emails'], message: 'missing (expected an integer)' },
      {
        path: 'count',
        keys: ['count'],
        message: 'unknown argument (this tool takes n_emails, labels, query)',
      },
    ]);
    const none = validateToolInput(noParameters, { anything: 1 });
    expect(none.success ? '' : none.message).toBe(
      'Invalid arguments for Handmade.Ping: anything: unknown argument (this tool takes no arguments)',
    );
  });

  it('removes nulls for optional arguments, as the strict OpenAI format sends them', () => {
    expect(validateToolInput(listEmails, { n_emails: 2, labels: null, query: null })).toEqual({
      success: true,
      input: { n_emails: 2 },
    });
    const required = validateToolInput(listEmails, { n_emails: null });
    expect(required.success ? '' : required.message).toBe(
      'Invalid arguments for Gmail.ListEmails: n_emails: expected an integer, received null',
    );
  });

  it('removes nulls for optional nested keys, also inside arrays of objects', () => {
    const result = validateToolInput(sendEmail, {
      subject: 'Hi',
      recipients: [{ address: 'a@b.c', kind: null, priority: null }],
      labels: null,
      schedule: { at: 'now', timezone: null, window: { minutes: 5, jitter: null } },
      headers: null,
    });
    expect(result).toEqual({
      success: true,
      input: {
        subject: 'Hi',
        recipients: [{ address: 'a@b.c' }],
        schedule: { at: 'now', window: { minutes: 5 } },
      },
    });
  });

  it('names nested paths and keys', () => {
    const result = validateToolInput(sendEmail, {
      subject: 'Hi',
      recipients: [{ address: 'a@b.c' }, { kind: 'to', name: 'Ann' }],
      schedule: { at: null, window: { minutes: 1.5 } },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([
      {
        path: 'recipients[1].address',
        keys: ['recipients', 1, 'address'],
        message: 'missing (expected a string)',
      },
      {
        path: 'recipients[1].name',
        keys: ['recipients', 1, 'name'],
        message: 'unknown key (the keys are address, kind, priority)',
      },
      {
        path: 'schedule.at',
        keys: ['schedule', 'at'],
        message: 'expected a string, received null',
      },
      {
        path: 'schedule.window.minutes',
        keys: ['schedule', 'window', 'minutes'],
        message: 'expected an integer, received 1.5',
      },
    ]);
  });

  it('describes arrays, objects, booleans and unsafe integers', () => {
    const result = validateToolInput(measure, {
      count: 2 ** 60,
      ratio: [1],
      flags: 'yes',
      ids: [1, 2.5],
      dry_run: 'no',
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([
      {
        path: 'count',
        keys: ['count'],
        message: `expected an integer between -9007199254740991 and 9007199254740991, received ${2 ** 60}`,
      },
      { path: 'ratio', keys: ['ratio'], message: 'expected a number, received an array' },
      { path: 'ids[1]', keys: ['ids', 1], message: 'expected an integer, received 2.5' },
      {
        path: 'flags',
        keys: ['flags'],
        message: 'expected an array of booleans (true or false), received "yes"',
      },
      { path: 'dry_run', keys: ['dry_run'], message: 'expected true or false, received "no"' },
    ]);
  });

  it('accepts no input for a tool without parameters and rejects a non-object', () => {
    expect(validateToolInput(noParameters, undefined)).toEqual({ success: true, input: {} });
    const result = validateToolInput(listEmails, ['five']);
    expect(result).toEqual({
      success: false,
      message:
        'Invalid arguments for Gmail.ListEmails: expected an object of named arguments, received an array',
      issues: [
        { path: '', keys: [], message: 'expected an object of named arguments, received an array' },
      ],
    });
  });

  it('does not change the input it was given', () => {
    const input = { n_emails: 1, query: null };
    validateToolInput(listEmails, input);
    expect(input).toEqual({ n_emails: 1, query: null });
  });
});
