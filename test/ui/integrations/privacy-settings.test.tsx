import { screen } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { liveStatus } from '../support/fixtures.js';
import {
  acceptSettingsSaves,
  API,
  apiError,
  serveIntegrationApi,
} from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

describe('Privacy', () => {
  it('masks card numbers by default and saves extra patterns, one per line', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const bodies = acceptSettingsSaves(api);
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Settings');
    const cards = await screen.findByLabelText(/Mask card numbers/);
    expect(cards).toBeChecked();
    await user.type(
      screen.getByLabelText('Also mask (one regular expression per line)'),
      'M-\\d{{6}\n\nSSN \\d{{9}',
    );
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect(await screen.findByText('Privacy settings saved.')).toBeVisible();
    expect(bodies).toEqual([
      { privacy: { maskCardNumbers: true, patterns: ['M-\\d{6}', 'SSN \\d{9}'] } },
    ]);
  });

  it('shows the server error for a pattern that does not compile on the field', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.put(`${API}/settings`, () =>
        apiError(400, 'validation_failed', 'the request body is not valid', {
          'privacy.patterns.0': 'not a valid regular expression',
        }),
      ),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Settings');
    await user.type(
      await screen.findByLabelText('Also mask (one regular expression per line)'),
      '([[',
    );
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not a valid regular expression');
    expect(screen.getByLabelText('Also mask (one regular expression per line)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
