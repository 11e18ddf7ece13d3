import type { UIMessage } from 'ai';

// The conversation, kept in this browser's local storage so a reload (or the page itself going
// to the provider where popups are blocked) loses nothing: a card awaiting consent comes back
// and resumes when the consent lands. A real app keeps conversations in its database.

const storageKey = 'toolgrant-demo-conversation';

/** The stored conversation, or none when nothing (readable) is stored. */
export function loadConversation(): UIMessage[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as UIMessage[]) : [];
  } catch {
    return [];
  }
}

/** Stores the conversation; an empty one clears the storage. */
export function storeConversation(messages: UIMessage[]): void {
  if (messages.length === 0) window.localStorage.removeItem(storageKey);
  else window.localStorage.setItem(storageKey, JSON.stringify(messages));
}
