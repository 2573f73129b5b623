// Signs each demo role in once through the real /login page and stores the browser state,
// so specs start signed in with `test.use({ storageState: authFile("viewer") })`.
import { expect, test as setup } from "@playwright/test";
import { authFile, DEMO_PASSWORD, demoEmail, ROLES, signIn } from "./support";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, demoEmail(role), DEMO_PASSWORD);
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("user-role")).toHaveText(role);
    await page.context().storageState({ path: authFile(role) });
  });
}
