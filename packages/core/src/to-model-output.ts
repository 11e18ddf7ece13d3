import type { RunOutcome } from './run-outcome.js';

// The one place that decides what the model reads for an outcome. It says what happened and
// what the model can do next; it never carries a token or a developer-only message, and the
// authorization URL only when the developer asks for it (the URL is meant for the user's UI).

/**
 * The text the model reads for an outcome: the value, a note that the user was shown a link, or the error with its retry hint.
 */
export function toModelOutput({
  outcome,
  includeAuthorizationUrl = false,
}: {
  outcome: RunOutcome;
  /** Put the authorization URL in the text, for apps that show the model's reply as the link. */
  includeAuthorizationUrl?: boolean;
}): string {
  switch (outcome.type) {
    case 'completed': {
      const { value } = outcome;
      if (typeof value === 'string') return value;
      if (value === undefined || value === null) return 'The tool completed and returned nothing.';
      return JSON.stringify(value);
    }
    case 'authorization_required': {
      const { authorization } = outcome;
      const provider = authorization.providerId ?? 'the service this tool uses';
      if (includeAuthorizationUrl && authorization.url !== undefined) {
        return `The user needs to authorize ${provider} before this tool can run. Give them this link: ${authorization.url}`;
      }
      return `The user has been shown a link to authorize ${provider}. This tool runs once they have approved; tell them so and do not call it again before then.`;
    }
    case 'error': {
      const { error } = outcome;
      const lines = [`Error (${error.kind}): ${error.message}`];
      if (error.additionalPromptContent) lines.push(error.additionalPromptContent);
      if (!error.canRetry) lines.push('Do not retry this call as it is.');
      else if (error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
        lines.push(`You may retry after ${Math.ceil(error.retryAfterMs / 1000)} seconds.`);
      } else lines.push('You may retry, after fixing what the message says.');
      return lines.join('\n');
    }
  }
}
