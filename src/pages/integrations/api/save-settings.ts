import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { shellKeys } from '../../../lib/shell-keys.js';
import { integrationSettingsSchema, type SettingsUpdate } from '../../../shared/settings.js';
import { useIntegrationApi } from './use-integration-api.js';

export const saveSettings = (api: Api, update: SettingsUpdate) =>
  api.fetch('/integrations/kustomer/settings', {
    method: 'PUT',
    body: update,
    parse: (v) => integrationSettingsSchema.parse(v),
  });

export function useSaveSettings() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: (update: SettingsUpdate) => saveSettings(api, update),
    // Switching the integration off changes the status card and the shell's sandbox banner.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.status() }),
        queryClient.invalidateQueries({ queryKey: shellKeys.all }),
      ]),
  });
}
