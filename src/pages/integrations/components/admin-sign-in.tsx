/** Asks for the ADMIN_TOKEN when the server answers 401; kept for this browser tab only. */
import { useState } from 'react';
import { adminToken } from '../../../app/api-client.js';
import { Field } from './field.js';

export function AdminSignIn({
  onSignedIn,
  rejected = false,
}: {
  onSignedIn: () => void;
  /** A token was sent and the server said no. */
  rejected?: boolean;
}) {
  const [token, setToken] = useState('');
  const [empty, setEmpty] = useState(false);
  return (
    <form
      className="card narrow"
      aria-labelledby="signin-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!token.trim()) {
          setEmpty(true);
          return;
        }
        adminToken.set(token.trim());
        onSignedIn();
      }}
    >
      <h2 id="signin-heading">Admin sign-in</h2>
      <p>
        The integration settings are protected by the server's <code>ADMIN_TOKEN</code>. It is kept
        in this browser tab only.
      </p>
      <Field
        label="Admin token"
        error={
          empty
            ? 'Enter the admin token'
            : rejected
              ? 'The server did not accept that token. Check it and try again.'
              : undefined
        }
      >
        <input
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setEmpty(false);
          }}
        />
      </Field>
      <button type="submit" className="primary">
        Sign in
      </button>
    </form>
  );
}
