import type { ReactNode } from 'react';
import 'kustomer-escalation/react/styles.css';

export const metadata = { title: 'Acme chat · Next.js example' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
