/**
 * What is masked before chat text reaches Kustomer: card numbers (on by default) and the admin's
 * own patterns. Saved on its own, through the same settings endpoint as the form above it.
 */
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client.js';
import { DEFAULT_PRIVACY, type IntegrationSettings } from '../../../shared/settings.js';
import { useSaveSettings } from '../api/save-settings.js';
import { Field } from './field.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function PrivacySettings({ settings }: { settings: IntegrationSettings }) {
  const current = settings.privacy ?? DEFAULT_PRIVACY;
  const [cards, setCards] = useState(current.maskCardNumbers);
  const [patterns, setPatterns] = useState(current.patterns.join('\n'));
  const save = useSaveSettings();
  const fields = save.error instanceof ApiRequestError ? save.error.fields : {};
  const patternError = Object.entries(fields).find(([path]) =>
    path.startsWith('privacy.patterns'),
  )?.[1];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ privacy: { maskCardNumbers: cards, patterns: lines(patterns) } });
  };
  return (
    <form className="card" aria-labelledby="privacy-heading" onSubmit={submit}>
      <h2 id="privacy-heading">Privacy</h2>
      <p className="hint">
        Masked in the transcript, the internal note and every later chat message before they are
        stored or sent to Kustomer. The customer sees that a number was hidden.
      </p>
      <label className="check">
        <input type="checkbox" checked={cards} onChange={(e) => setCards(e.target.checked)} />
        Mask card numbers (13-19 digits that pass the Luhn check; the last four stay)
      </label>
      <Field
        label="Also mask (one regular expression per line)"
        hint="Each match becomes [redacted]. Up to 20 patterns of 200 characters."
        error={patternError}
      >
        <textarea rows={3} value={patterns} onChange={(e) => setPatterns(e.target.value)} />
      </Field>
      <button type="submit" disabled={save.isPending}>
        Save privacy settings
      </button>
      {save.isSuccess && <p role="status">Privacy settings saved.</p>}
      {save.error && !patternError && <p role="alert">{save.error.message}</p>}
    </form>
  );
}
