import { nextUriProblem } from '../broker/next-uri-problem.js';
import { z } from '../shared/zod.js';

/** `next_uri` in an authorize body: where the browser goes after consent, an absolute http(s) URL. */
export const nextUriField = z
  .string({ error: 'next_uri must be a string: an absolute http or https URL' })
  .check((context) => {
    const problem = nextUriProblem(context.value);
    if (problem !== undefined) {
      context.issues.push({ code: 'custom', input: context.value, message: `next_uri ${problem}` });
    }
  });
