import { z } from "zod";

export const MAX_VARIABLES = 200;

export const EnvironmentName = z
  .string()
  .trim()
  .min(1, "Give your environment a name.")
  .max(100, "The name can be at most 100 characters.");

export const EnvironmentVariableInput = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Give every variable a name.")
    .max(256, "A variable name can be at most 256 characters."),
  /** For a secret on update, null means "keep the stored value": the browser never had it to resend. */
  value: z.string().max(10_000, "A value can be at most 10,000 characters.").nullable(),
  secret: z.boolean(),
});
export type EnvironmentVariableInput = z.infer<typeof EnvironmentVariableInput>;

/**
 * The whole ordered list of an environment's variables. Names are compared after trimming and
 * case-sensitively, as collections reference them with `{{name}}`.
 */
export const EnvironmentVariablesInput = z
  .array(EnvironmentVariableInput)
  .max(MAX_VARIABLES, `An environment can have at most ${MAX_VARIABLES} variables.`)
  .superRefine((variables, ctx) => {
    const seen = new Set<string>();
    variables.forEach((variable, index) => {
      if (seen.has(variable.key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `The variable "${variable.key}" appears more than once. Variable names must be unique within an environment.`,
        });
      }
      seen.add(variable.key);
    });
  });
