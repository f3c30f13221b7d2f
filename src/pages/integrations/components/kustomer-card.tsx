/** The Kustomer CRM card: the header, what is wrong right now, and the tabs. */
import type { IntegrationStatus } from '../../../shared/integration.js';
import { AnalyticsPanel } from './analytics-panel.js';
import { HealthPanel } from './health-panel.js';
import { KustomerHeader } from './kustomer-header.js';
import { ConnectionTest } from './permission-checklist.js';
import { AvailabilitySettings } from './availability-settings.js';
import { PrivacySettings } from './privacy-settings.js';
import { SandboxInspector } from './sandbox-inspector.js';
import { SettingsForm, type TeamsState } from './settings-form.js';
import { Tabs, type TabDef } from './tabs.js';
import { TestTools } from './test-tools.js';
import { WebhookPanel } from './webhook-panel.js';

function Banners({ status }: { status: IntegrationStatus }) {
  return (
    <>
      {status.status === 'degraded' && (
        <p className="banner warn" role="status">
          Fallback mode: Kustomer is not answering normally, so escalations are kept in the outbox
          and delivered once it recovers.
        </p>
      )}
      {status.status === 'disabled' && (
        <p className="banner" role="status">
          The integration is off:{' '}
          {status.settings.whenDisabled === 'queue'
            ? 'escalations wait in the outbox until it is switched on again.'
            : 'the chat tells customers that talking to a person is not available.'}
        </p>
      )}
      {status.status === 'disconnected' && (
        <p className="banner error" role="alert">
          Kustomer did not accept the last connection test
          {status.connection?.error ? `: ${status.connection.error.message}` : ''}.{' '}
          {status.connection?.error?.fix
            ? `To fix it, ${status.connection.error.fix}.`
            : 'Check the key and its roles, then test the connection again.'}
        </p>
      )}
    </>
  );
}

export function KustomerCard({ status, teams }: { status: IntegrationStatus; teams: TeamsState }) {
  const sandbox =
    status.mode === 'sandbox' || (status.mode === 'disabled' && !status.key.configured);
  const tabs: TabDef[] = [
    { id: 'overview', label: 'Overview', panel: <HealthPanel status={status} /> },
    {
      id: 'settings',
      label: 'Settings',
      panel: (
        <>
          <SettingsForm status={status} teams={teams} part="general" />
          <AvailabilitySettings settings={status.settings} />
          <PrivacySettings settings={status.settings} />
        </>
      ),
    },
    {
      id: 'routing',
      label: 'Routing',
      panel: <SettingsForm status={status} teams={teams} part="routing" />,
    },
    { id: 'analytics', label: 'Analytics', panel: <AnalyticsPanel /> },
    {
      id: 'diagnostics',
      label: 'Diagnostics',
      panel: (
        <>
          <ConnectionTest />
          <WebhookPanel />
          <TestTools />
        </>
      ),
    },
    ...(sandbox ? [{ id: 'sandbox', label: 'Sandbox', panel: <SandboxInspector /> }] : []),
  ];
  return (
    <article className="card" aria-labelledby="kustomer-heading">
      <KustomerHeader status={status} />
      <Banners status={status} />
      <Tabs tabs={tabs} label="Kustomer integration" />
    </article>
  );
}
