/**
 * A banner for deployments running on the embedded Kustomer sandbox (no API key on the server),
 * so nobody mistakes it for the real thing. Reads the public readiness check, not the admin-only
 * integration status: chat visitors on a sandbox deployment with an ADMIN_TOKEN see it too.
 * Sandbox mode means no API key on the server, which settings cannot change. Needs a TanStack
 * QueryClientProvider above it.
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../lib/api-base.js';
import { shellKeys } from '../lib/shell-keys.js';

interface Readiness {
  checks?: { mode?: 'live' | 'sandbox' };
}

export interface SandboxBannerProps {
  /** Where the API is mounted (the server's `prefix`). @default the ApiBaseContext's, '/api' */
  apiBase?: string;
}

export function SandboxBanner({ apiBase }: SandboxBannerProps = {}) {
  const api = useApi(apiBase);
  const readiness = useQuery({
    queryKey: shellKeys.mode(api.base),
    queryFn: () => api.fetch('/ready', { parse: (v) => v as Readiness }),
    retry: false,
    staleTime: 60_000,
  });
  if (readiness.data?.checks?.mode !== 'sandbox') return null;
  return (
    <div className="kustomer-escalation">
      <p className="banner sandbox" role="note">
        Sandbox mode: no Kustomer API key is configured, so escalations go to the embedded Kustomer
        sandbox. See what landed under Settings › Integrations.
      </p>
    </div>
  );
}
