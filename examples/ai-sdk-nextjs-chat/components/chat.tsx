'use client';

import { useChat } from '@ai-sdk/react';
import { isToolUIPart, lastAssistantMessageIsCompleteWithApprovalResponses } from 'ai';
import { type FormEvent, useEffect, useState } from 'react';
import { loadConversation, storeConversation } from '@/lib/stored-conversation';
import { ToolCall } from './tool-call';

export function Chat({
  modelLabel,
  scripted,
  prompt,
}: {
  modelLabel: string;
  scripted: boolean;
  prompt: string;
}) {
  const { messages, setMessages, sendMessage, addToolApprovalResponse, status, error } = useChat({
    // When the last tool call's approval is answered (the card does it once the user has
    // authorized), the chat posts the conversation again and the tool runs on the server.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  });
  const [input, setInput] = useState('');
  const busy = status === 'submitted' || status === 'streaming';
  // Set once React has taken over the server-rendered page and restored the stored
  // conversation: before that, typing is lost.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setMessages(loadConversation());
    setHydrated(true);
  }, [setMessages]);
  useEffect(() => {
    if (hydrated) storeConversation(messages);
  }, [hydrated, messages]);

  // Between sending and the first streamed word (the dev server compiles the route on the
  // first message), the person sees that something is happening.
  const thinking =
    status === 'submitted' || (status === 'streaming' && messages.at(-1)?.role === 'user');

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = input.trim();
    if (!text || busy) return;
    void sendMessage({ text });
    setInput('');
  }

  return (
    <main className="chat" data-hydrated={hydrated || undefined}>
      <header>
        <h1>Toolgrant chat</h1>
        <span className={scripted ? 'model scripted' : 'model'} title="The model answering">
          Model: {modelLabel}
        </span>
        {messages.length > 0 && (
          <button type="button" onClick={() => setMessages([])} disabled={busy}>
            New chat
          </button>
        )}
      </header>
      {scripted && (
        <p className="scripted-note">
          No OPENAI_API_KEY or ANTHROPIC_API_KEY is set, so a scripted demo model answers: it knows
          a few prompts, such as “{prompt}”.
        </p>
      )}
      <ol className="messages">
        {messages.map((message) => (
          <li key={message.id} className={`message ${message.role}`}>
            {message.parts.map((part, index) => {
              const key = `${message.id}-${index}`;
              if (part.type === 'text')
                return (
                  <p key={key} className="text">
                    {part.text}
                  </p>
                );
              if (isToolUIPart(part)) {
                return <ToolCall key={key} part={part} onApproval={addToolApprovalResponse} />;
              }
              return null;
            })}
          </li>
        ))}
        {thinking && (
          <li className="message assistant thinking" role="status">
            <span className="spinner" aria-hidden /> Thinking…
          </li>
        )}
      </ol>
      {error && (
        <p className="failure" role="alert">
          {error.message}
        </p>
      )}
      <form onSubmit={submit}>
        <input
          aria-label="Message"
          value={input}
          placeholder={`Try “${prompt}”`}
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" disabled={busy || input.trim() === ''}>
          Send
        </button>
      </form>
    </main>
  );
}
