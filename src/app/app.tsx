/** The shell: header navigation, the sandbox banner, and the two pages (each its own chunk). */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { SandboxBanner } from '../entry/react.js';
import { Link, useRouter } from './router.js';

const ChatPage = lazy(() => import('./chat-page.js'));
const IntegrationsPage = lazy(() => import('./integrations-route.js'));

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
      <main id="main" className="kustomer-escalation" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          {onSettings ? <IntegrationsPage /> : <ChatPage />}
        </Suspense>
      </main>
    </>
  );
}
