/** Asks for the ADMIN_TOKEN when the server answers 401; kept for this browser tab only. */
import { useState } from 'react';
import { adminToken } from '../../../app/api-client.js';
import { Field } from './field.js';

export function AdminSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  return (
    <form
      className="card narrow"
      aria-labelledby="signin-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!token.trim()) return;
        adminToken.set(token.trim());
        onSignedIn();
      }}
    >
      <h2 id="signin-heading">Admin sign-in</h2>
      <p>
        The integration settings are protected by the server's <code>ADMIN_TOKEN</code>. It is kept
        in this browser tab only.
      </p>
      <Field label="Admin token">
        <input
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary">
        Sign in
      </button>
    </form>
  );
}
