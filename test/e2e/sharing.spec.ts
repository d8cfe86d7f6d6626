import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/** In the owner's Share dialog: an invitation for `user` as editor for 1 day; returns the link it shows. */
async function createInvitation(page: Page, user: string): Promise<string> {
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Share/ });
  await dialog.getByRole('textbox', { name: 'Teammate’s user name' }).fill(user);
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('editor');
  await dialog.getByRole('combobox', { name: 'Link expires after' }).selectOption({ label: '1 day' });
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  const link = dialog.getByRole('textbox', { name: `Invitation link for ${user}` });
  await expect(link).toHaveValue(/\/#\/join\//);
  await expect(dialog.getByText(/Anyone holding this link can open this case as an editor/)).toBeVisible();
  const value = await link.inputValue();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return value;
}

test('an owner shares a case from the app, removes the person’s access, and invites them again', async ({
  browser,
  server,
}) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(server.firstOwnerLink);
  await ownerPage.getByRole('button', { name: 'New case' }).click();
  await expect(ownerPage).toHaveURL(/#\/case\/[0-9a-z]{24}$/);
  const ownerTitle = ownerPage.getByRole('textbox', { name: 'Case title', exact: true });
  await ownerTitle.fill('Leaflet network');

  const link = await createInvitation(ownerPage, 'tomas');

  // The teammate opens the link in another browser and works on the case.
  const teammate = await browser.newContext();
  const teammatePage = await teammate.newPage();
  await teammatePage.goto(link);
  const teammateTitle = teammatePage.getByRole('textbox', { name: 'Case title', exact: true });
  await expect(teammateTitle).toHaveValue('Leaflet network', { timeout: 15_000 });
  await teammateTitle.fill('Leaflet network, mapped');
  await expect(ownerTitle).toHaveValue('Leaflet network, mapped');

  // An editor is told that sharing is for owners.
  await teammatePage.getByRole('button', { name: 'Share…' }).click();
  await expect(
    teammatePage.getByRole('dialog').getByText(/Only an owner of this case can invite people/),
  ).toBeVisible();
  await teammatePage.keyboard.press('Escape');

  // The owner removes the teammate's access, after a confirmation.
  await ownerPage.getByRole('button', { name: 'Share…' }).click();
  const dialog = ownerPage.getByRole('dialog', { name: /^Share/ });
  await dialog.getByRole('textbox', { name: 'Their user name' }).fill('tomas');
  await dialog.getByRole('button', { name: 'Remove access…' }).click();
  await expect(dialog.getByText(/Remove tomas’s access to this case\?/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove access', exact: true }).click();
  await expect(
    dialog.getByText('tomas can no longer open this case; their open connections were closed.', { exact: false }),
  ).toBeVisible();
  await ownerPage.keyboard.press('Escape');

  // The teammate's app says why, and what they type no longer reaches the owner.
  const teammateStatus = teammatePage.getByRole('status').filter({ hasText: /^No access — / });
  await expect(teammateStatus).toBeVisible({ timeout: 60_000 });
  await teammateTitle.fill('Written after removal');
  await ownerPage.waitForTimeout(2_000);
  await expect(ownerTitle).toHaveValue('Leaflet network, mapped');

  // A new invitation lets them in again.
  const again = await createInvitation(ownerPage, 'tomas');
  await teammatePage.goto(again);
  await expect(teammatePage.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 15_000 });
  await teammateTitle.fill('Leaflet network, re-invited');
  await expect(ownerTitle).toHaveValue('Leaflet network, re-invited');

  await teammate.close();
  await owner.close();
});
