// Shared steps of the journeys: log in through the login page and log out through the header.

export const DEMO_PASSWORD = 'Zhifa@2026demo';

export async function login(page, baseURL, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseURL}/admin/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user-name').waitFor({ timeout: 30_000 });
}

export async function logout(page) {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
}
