/**
 * Asks for the ADMIN_TOKEN when the server answers 401; kept for this browser tab only. When the
 * server has no token at all (a deployment without ADMIN_TOKEN), says how to set one instead.
 */
import { useState } from 'react';
import { adminToken } from '../../../lib/api-client.js';
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

export function AdminTokenNotSet() {
  return (
    <section className="card narrow" aria-labelledby="no-token-heading">
      <h2 id="no-token-heading">Admin token not set</h2>
      <p role="alert">
        This deployment has no <code>ADMIN_TOKEN</code>, so the integration settings stay locked.
        Set <code>ADMIN_TOKEN</code> to 32 or more random characters in the deployment&apos;s
        environment (for example <code>openssl rand -hex 32</code>), redeploy, and sign in with it.
      </p>
    </section>
  );
}
