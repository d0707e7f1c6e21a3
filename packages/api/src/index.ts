import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCContext, type Context, type Session } from "./trpc";
export { ServiceError } from "./services/errors";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { unsafeSetPlan, unsafeSetPrivateMonitoring, unsafeSetRequestQuota } from "./services/team/operator";
export { PLAN_REQUEST_QUOTAS } from "./services/usage/quota";
export { createSecretCipher, parseSecretKey, type SecretCipher } from "./services/secrets/cipher";
export { MIN_INTERVAL_MINUTES, nextRunAt, type MonitorSchedule } from "./services/monitor/schedule";
export { createRunnerGateway, type GatewayDeps } from "./runner-gateway/gateway";
export { createDispatchLoop } from "./services/dispatch/loop";
export { createSmtpMailer, type Mailer } from "./services/notification/mailer";
export { sealPlainWebhookUrls } from "./services/notification/seal-webhook-urls";
export { sweepRuns } from "./services/dispatch/sweep";
export { closeQueueEvents, shareQueueEvents } from "./services/dispatch/run-events";
export {
  createHostedRunnerCredential,
  HOSTED_RUNNER_ID,
  type HostedRunnerCredential,
} from "./services/dispatch/runner-identity";
