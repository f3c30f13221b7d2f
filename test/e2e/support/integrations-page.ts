/** Settings › Integrations in the browser, as an admin reaches it. */
import type { Page } from 'playwright-core';

/** Answers the page's admin sign-in with the deployment's token. */
export async function signInAsAdmin(page: Page, adminToken: string): Promise<void> {
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the page on a fresh browser page (which asks for the token), signs in, opens a tab. */
export async function openIntegrationsTab(
  page: Page,
  appUrl: string,
  adminToken: string,
  tab: string,
): Promise<void> {
  await page.goto(`${appUrl}/settings/integrations`);
  await signInAsAdmin(page, adminToken);
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tabpanel', { name: tab }).waitFor();
}
