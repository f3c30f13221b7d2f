import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { shellKeys } from '../../../lib/shell-keys.js';
import { integrationSettingsSchema, type SettingsUpdate } from '../../../shared/settings.js';
import { integrationKeys } from './keys.js';

export const saveSettings = (update: SettingsUpdate) =>
  apiFetch('/api/integrations/kustomer/settings', {
    method: 'PUT',
    body: update,
    parse: (v) => integrationSettingsSchema.parse(v),
  });

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    // Switching the integration off changes the status card and the shell's sandbox banner.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: integrationKeys.status() }),
        queryClient.invalidateQueries({ queryKey: shellKeys.all }),
      ]),
  });
}
