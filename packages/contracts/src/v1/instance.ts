import { z } from "zod";

/** Sent once by each runner process at start-up (and again after the console forgets it). */
export const RegisterInstanceRequest = z.object({
  /** Random, made by the process itself; identifies this instance in every later request. */
  instanceId: z.uuid(),
  hostname: z.string().min(1).max(255),
  os: z.string().min(1).max(100),
  runnerVersion: z.string().min(1).max(50),
});
export type RegisterInstanceRequest = z.infer<typeof RegisterInstanceRequest>;

export const RegisterInstanceResponse = z.object({
  runnerId: z.uuid(),
  runnerName: z.string(),
  instanceId: z.uuid(),
  /** How long a claim may wait for work; the runner's HTTP timeout must exceed it. */
  claimWaitMs: z.number().int().positive(),
  /** How long a lease lasts unless renewed; runners renew at a third of it. */
  leaseDurationMs: z.number().int().positive(),
});
export type RegisterInstanceResponse = z.infer<typeof RegisterInstanceResponse>;
