import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client.js';
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status() }),
  });
}
