/** The demo's Settings › Integrations route: the module's page, as any host mounts it. */
import { useQueryClient } from '@tanstack/react-query';
import { IntegrationsPage } from '../entry/react.js';

export default function IntegrationsRoute() {
  // The shell's client: saving settings refreshes what the shell shows (the sandbox banner).
  return <IntegrationsPage queryClient={useQueryClient()} />;
}
