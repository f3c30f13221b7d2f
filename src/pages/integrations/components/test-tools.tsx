/** Send a marked test escalation, and look a customer up by email. */
import { useState, type FormEvent } from 'react';
import { useLookupCustomer } from '../api/lookup-customer.js';
import { useSendTestEscalation } from '../api/send-test-escalation.js';
import { Field } from './field.js';

export function TestTools() {
  const send = useSendTestEscalation();
  const lookup = useLookupCustomer();
  const [testEmail, setTestEmail] = useState('');
  const [lookupEmail, setLookupEmail] = useState('');
  const result = send.data;
  const onLookup = (event: FormEvent) => {
    event.preventDefault();
    if (lookupEmail.trim()) lookup.mutate(lookupEmail.trim());
  };
  return (
    <section aria-labelledby="tools-heading">
      <h3 id="tools-heading">Tools</h3>
      <div className="grid two">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate(testEmail.trim() || undefined);
          }}
        >
          <Field
            label="Test escalation email"
            hint="Optional; the test is tagged “test” in Kustomer"
          >
            <input
              type="email"
              value={testEmail}
              onChange={(e) => setTestEmail(e.target.value)}
              placeholder="you@company.com"
            />
          </Field>
          <button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send test escalation'}
          </button>
          <div aria-live="polite">
            {send.error && <p className="error">{send.error.message}</p>}
            {result?.status === 'escalated' && (
              <p className="ok">
                Escalated: conversation <code>{result.conversationId}</code>
                {result.team ? ` for ${result.team.name}` : ''}, priority {result.priority}.
              </p>
            )}
            {result?.status === 'queued' && (
              <p className="warn">
                Queued ({result.reason}); it will be delivered when Kustomer answers.
              </p>
            )}
            {result?.status === 'refused' && <p className="warn">{result.message}</p>}
          </div>
        </form>
        <form onSubmit={onLookup}>
          <Field label="Customer lookup by email">
            <input
              type="email"
              value={lookupEmail}
              onChange={(e) => setLookupEmail(e.target.value)}
              placeholder="customer@example.com"
              required
            />
          </Field>
          <button type="submit" disabled={lookup.isPending}>
            {lookup.isPending ? 'Looking up…' : 'Look up'}
          </button>
          <div aria-live="polite">
            {lookup.error && <p className="error">{lookup.error.message}</p>}
            {lookup.isSuccess && !lookup.data && <p>No customer with that email.</p>}
            {lookup.data && (
              <dl className="customer">
                <dt>Name</dt>
                <dd>{lookup.data.name ?? '—'}</dd>
                <dt>Emails</dt>
                <dd>{lookup.data.emails.join(', ')}</dd>
                <dt>Kustomer id</dt>
                <dd>
                  <code>{lookup.data.id}</code>
                </dd>
              </dl>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
