// What a browser-facing OAuth route answers, decided by the broker and rendered by
// `createOAuthRoutes`: a redirect, the API-key form, or a page that says what happened.
// Nothing here ever holds a token, a key or an authorization code.

/** What a browser-facing OAuth route answers: a redirect, the API-key form, or a result page. */
export type OAuthPageOutcome =
  | { type: 'redirect'; location: string }
  | {
      type: 'api_key_form';
      flowId: string;
      /** The hidden CSRF field; only a page rendered for the bound browser carries it. */
      formToken: string;
      /** Shown to the user, e.g. "OpenWeather". */
      providerName: string;
      /** Where to find the key, if the provider configuration says. */
      description: string | undefined;
      /** Set when a previous submission was rejected. */
      problem?: string | undefined;
    }
  | {
      type: 'page';
      /** HTTP status of the answer. */
      status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 502;
      /** Stable reason for programs, e.g. `state_already_used`. */
      code: string;
      title: string;
      /** What happened and what the user can do. */
      message: string;
    };
