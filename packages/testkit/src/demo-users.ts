// The people who can sign in at the test provider. Each has their own inbox, so a test can
// tell whose token the protected API was called with.

/** A message in a demo user's inbox. */
export type InboxMessage = {
  id: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  sentAt: string;
};

/** A person who can sign in at the test provider, with their own inbox. */
export type DemoUser = {
  /** The account id: the token's `sub`, and what `revokeRefreshTokens({ userId })` takes. */
  id: string;
  username: string;
  password: string;
  name: string;
  email: string;
  inbox: InboxMessage[];
};

export const demoUsers: readonly DemoUser[] = [
  {
    id: 'alice',
    username: 'alice',
    password: 'alice-password',
    name: 'Alice Example',
    email: 'alice@example.test',
    inbox: [
      {
        id: 'alice-1',
        from: 'bob@example.test',
        to: 'alice@example.test',
        subject: 'Lunch on Thursday?',
        body: 'The usual place at noon?',
        sentAt: '2025-01-06T11:00:00.000Z',
      },
      {
        id: 'alice-2',
        from: 'billing@example.test',
        to: 'alice@example.test',
        subject: 'Your invoice for January',
        body: 'Invoice 2025-001 is attached.',
        sentAt: '2025-01-07T08:30:00.000Z',
      },
    ],
  },
  {
    id: 'bob',
    username: 'bob',
    password: 'bob-password',
    name: 'Bob Example',
    email: 'bob@example.test',
    inbox: [
      {
        id: 'bob-1',
        from: 'carol@example.test',
        to: 'bob@example.test',
        subject: 'Quarterly report draft',
        body: 'Could you review section 3 by Friday?',
        sentAt: '2025-01-05T15:45:00.000Z',
      },
    ],
  },
];

/** A copy of the demo users whose inboxes can be changed without touching the defaults. */
export function copyDemoUsers(users: readonly DemoUser[]): DemoUser[] {
  return users.map((user) => ({ ...user, inbox: user.inbox.map((message) => ({ ...message })) }));
}
