/** The Kustomer CRM card: status, the on/off switch, and its sections. */
import { useRef, useState } from 'react';
import type { IntegrationStatus } from '../../../shared/integration.js';
import { useSaveSettings } from '../api/save-settings.js';
import { ConfirmSwitchOff } from './confirm-switch-off.js';
import { ago } from './health-words.js';
import { HealthPanel } from './health-panel.js';
import { ConnectionTest } from './permission-checklist.js';
import { SandboxInspector } from './sandbox-inspector.js';
import { SettingsForm, type TeamsState } from './settings-form.js';
import { StatusBadge } from './status-badge.js';
import { TestTools } from './test-tools.js';

export function KustomerCard({ status, teams }: { status: IntegrationStatus; teams: TeamsState }) {
  const save = useSaveSettings();
  const enabled = status.settings.enabled;
  const [confirming, setConfirming] = useState(false);
  const switchRef = useRef<HTMLButtonElement>(null);
  const closeDialog = () => {
    setConfirming(false);
    queueMicrotask(() => switchRef.current?.focus());
  };
  return (
    <article className="card" aria-labelledby="kustomer-heading">
      <header className="card-head">
        <div>
          <h2 id="kustomer-heading">Kustomer CRM</h2>
          <p className="muted">
            Hand chats to your support team in Kustomer, with the transcript and the bot's summary.
          </p>
          <p className="muted">{lastTested(status.connection)}</p>
        </div>
        <div className="card-status">
          <StatusBadge status={status.status} />
          <button
            type="button"
            role="switch"
            aria-checked={enabled}
            aria-label="Kustomer integration enabled"
            className={`switch ${enabled ? 'on' : ''}`}
            disabled={save.isPending}
            ref={switchRef}
            // Switching on needs no second thought; switching off changes what customers get.
            onClick={() => (enabled ? setConfirming(true) : save.mutate({ enabled: true }))}
          >
            <span className="switch-knob" aria-hidden="true" />
          </button>
        </div>
      </header>
      {confirming && (
        <ConfirmSwitchOff
          whenDisabled={status.settings.whenDisabled}
          onCancel={closeDialog}
          onConfirm={() => {
            closeDialog();
            save.mutate({ enabled: false });
          }}
        />
      )}
      {save.error && (
        <p className="error" role="alert">
          Could not switch the integration {enabled ? 'off' : 'on'}: {save.error.message}
        </p>
      )}
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
          {status.connection?.error ? `: ${status.connection.error.message}` : ''}. Check the key
          and its roles, then test the connection again.
        </p>
      )}
      <SettingsForm status={status} teams={teams} />
      <ConnectionTest />
      <TestTools />
      <HealthPanel status={status} />
      {status.mode === 'sandbox' || (status.mode === 'disabled' && !status.key.configured) ? (
        <SandboxInspector />
      ) : null}
    </article>
  );
}

function lastTested(connection: IntegrationStatus['connection']): string {
  if (!connection) return 'Connection not tested yet since the server started.';
  return `Connection last tested ${ago(connection.checkedAt)}: ${connection.ok ? 'OK' : 'failed'}.`;
}
