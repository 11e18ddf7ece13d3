import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@toolgrant/react/styles.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'Toolgrant chat',
  description: 'An AI SDK chat whose tools act on behalf of the user.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
