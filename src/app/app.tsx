/** The shell: header navigation, the sandbox banner, and the two pages (each its own chunk). */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, useRouter } from './router.js';
import { apiFetch } from '../lib/api-client.js';
import { shellKeys } from '../lib/shell-keys.js';

const ChatPage = lazy(() => import('../chat/chat-page.js'));
const IntegrationsPage = lazy(() => import('../pages/integrations/integrations-page.js'));

interface Readiness {
  checks?: { mode?: 'live' | 'sandbox' };
}

function SandboxBanner() {
  // The public readiness check, not the admin-only integration status: chat visitors on a
  // sandbox deployment with an ADMIN_TOKEN must see the banner too. Sandbox mode means no API
  // key on the server, which settings cannot change.
  const readiness = useQuery({
    queryKey: shellKeys.mode(),
    queryFn: () => apiFetch('/api/ready', { parse: (v) => v as Readiness }),
    retry: false,
    staleTime: 60_000,
  });
  if (readiness.data?.checks?.mode !== 'sandbox') return null;
  return (
    <p className="banner sandbox" role="note">
      Sandbox mode: no Kustomer API key is configured, so escalations go to the embedded Kustomer
      sandbox. See what landed under Settings › Integrations.
    </p>
  );
}

export function App() {
  const { path } = useRouter();
  const onSettings = path.startsWith('/settings');
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A client-side navigation moves focus to the new page, as a page load would.
  useEffect(() => {
    document.title = `${onSettings ? 'Integrations' : 'Support chat'} · Acme Support`;
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [path, onSettings]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Acme Support</span>
        <nav aria-label="Main">
          <Link to="/">Chat</Link>
          <Link to="/settings/integrations">Settings › Integrations</Link>
        </nav>
      </header>
      <SandboxBanner />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          {onSettings ? <IntegrationsPage /> : <ChatPage />}
        </Suspense>
      </main>
    </>
  );
}
