/** The demo users' password in the console the e2e suite starts (set through OUTPOST_DEMO_PASSWORD). */
export const E2E_DEMO_PASSWORD = "e2e-demo-password";
