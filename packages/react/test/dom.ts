import { Window } from 'happy-dom';

// A real DOM for React's real renderer, installed as `window` and `document` only: `fetch`
// stays Node's, as in a browser it is the page's own, so the status route, the engine and the
// provider are reached over plain HTTP with nothing in between.

const window = new Window({ url: 'http://app.test/chat' });
Object.assign(globalThis, {
  window,
  document: window.document,
  // React reads these off the global scope when it handles events and focus.
  HTMLElement: window.HTMLElement,
  HTMLIFrameElement: window.HTMLIFrameElement,
  Node: window.Node,
  Event: window.Event,
});
