import { createToolgrantSession } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { createChatMcpSources } from '../lib/chat-mcp-sources.js';

// The chat's MCP server as one source per user: the session keeps a connection per source, so
// a user's source is made once, and the least recent users' are let go.

const url = 'http://127.0.0.1:9099/mcp';
const secret = 'sk-very-secret';

describe('createChatMcpSources', () => {
  const config = {
    name: 'mcp',
    url: new URL(url),
    headers: { Authorization: `Bearer ${secret}`, 'Arcade-User-ID': 'user:{userId}' },
  };

  it('gives each user a source with `{userId}` replaced, the same one on every request', () => {
    const sources = createChatMcpSources({ config, session: createToolgrantSession() });
    const [alice] = sources.forUser('alice');
    expect(alice).toMatchObject({
      name: 'mcp',
      url: new URL(url),
      headers: { Authorization: `Bearer ${secret}`, 'Arcade-User-ID': 'user:alice' },
    });
    expect(sources.forUser('alice')[0]).toBe(alice);
    expect(sources.forUser('bob')[0]?.headers['Arcade-User-ID']).toBe('user:bob');
  });

  it('puts a user id in as it is, `$` patterns included, and refuses one with a control character', () => {
    const sources = createChatMcpSources({ config, session: createToolgrantSession() });
    expect(sources.forUser('a$$b')[0]?.headers['Arcade-User-ID']).toBe('user:a$$b');
    expect(sources.forUser('a$&b')[0]?.headers['Arcade-User-ID']).toBe('user:a$&b');
    expect(() => sources.forUser('eve\r\nX-Admin: 1')).toThrow(/control character/);
  });

  it('keeps the sources of the most recent users only', () => {
    const session = createToolgrantSession();
    const closed: unknown[] = [];
    const close = session.mcp.close.bind(session.mcp);
    session.mcp.close = async (source) => {
      closed.push(source);
      await close(source);
    };
    const sources = createChatMcpSources({ config, session, maxUsers: 2 });
    const [alice] = sources.forUser('alice');
    const [bob] = sources.forUser('bob');
    expect(sources.forUser('alice')[0]).toBe(alice);
    sources.forUser('carol');
    // Bob was the least recent: his source was closed and is made anew.
    expect(closed).toEqual([bob]);
    expect(sources.forUser('alice')[0]).toBe(alice);
    expect(sources.forUser('bob')[0]).not.toBe(bob);
  });

  it('shares one source among users when no header names the user, and none without a server', () => {
    const shared = createChatMcpSources({
      config: { ...config, headers: { Authorization: 'Bearer x' } },
      session: createToolgrantSession(),
    });
    expect(shared.forUser('alice')[0]).toBe(shared.forUser('bob')[0]);
    const none = createChatMcpSources({ config: undefined, session: createToolgrantSession() });
    expect(none.forUser('alice')).toEqual([]);
  });
});
