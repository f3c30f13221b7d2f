/**
 * The integration's header: the Kustomer mark, the connection summary (badge, org, key, last
 * test) and the on/off switch, which asks before switching off.
 */
import { useRef, useState } from 'react';
import type { IntegrationStatus } from '../../../shared/integration.js';
import { useSaveSettings } from '../api/save-settings.js';
import { ConfirmSwitchOff } from './confirm-switch-off.js';
import { ago } from './health-words.js';
import { KustomerMark } from './kustomer-mark.js';
import { StatusBadge } from './status-badge.js';

function lastTested(connection: IntegrationStatus['connection']): string {
  if (!connection) return 'Connection not tested yet since the server started.';
  return `Connection last tested ${ago(connection.checkedAt)}: ${connection.ok ? 'OK' : 'failed'}.`;
}

function where(status: IntegrationStatus): string {
  if (!status.key.configured) return 'Embedded sandbox (no API key)';
  const org = status.org.subdomain ?? 'Kustomer';
  const region = status.org.region ? ` · ${status.org.region.toUpperCase()}` : '';
  return `${org}${region} · key ••••${status.key.last4 ?? ''}`;
}

export function KustomerHeader({ status }: { status: IntegrationStatus }) {
  const save = useSaveSettings();
  const enabled = status.settings.enabled;
  const [confirming, setConfirming] = useState(false);
  const switchRef = useRef<HTMLButtonElement>(null);
  const closeDialog = () => {
    setConfirming(false);
    queueMicrotask(() => switchRef.current?.focus());
  };
  return (
    <>
      <header className="card-head">
        <div className="identity">
          <KustomerMark />
          <div>
            <h2 id="kustomer-heading">Kustomer CRM</h2>
            <p className="muted">
              Hand chats to your support team in Kustomer, with the transcript and the bot's
              summary.
            </p>
            <p className="summary">
              <span>{where(status)}</span>{' '}
              <span className="muted">{lastTested(status.connection)}</span>
            </p>
          </div>
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
    </>
  );
}
