import { z } from "zod";

export const RunnerName = z
  .string()
  .trim()
  .min(1, "Give your runner a name.")
  .max(100, "The name can be at most 100 characters.");
export const RunnerDescription = z.string().trim().max(500, "The description can be at most 500 characters.");
