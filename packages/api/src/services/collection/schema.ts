import { z } from "zod";

/**
 * Postman Collection v2.1, the format newman runs. Every object is loose so fields this schema does
 * not name (saved responses, `protocolProfileBehavior`, whatever Postman adds next) survive an
 * import → export round trip. Nothing here transforms or defaults a value, for the same reason:
 * what is stored means exactly what the user uploaded.
 */

export const POSTMAN_V21_SCHEMA_PATTERN =
  /^https?:\/\/schema\.getpostman\.com\/json\/collection\/v2\.1\.0\/collection\.json$/;
export const POSTMAN_V21_SCHEMA_URL = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
export const ONLY_V21_MESSAGE = "Only Postman Collection v2.1 is supported: export it from Postman as Collection v2.1.";

const Description = z.union(
  [z.string(), z.looseObject({ content: z.string().optional(), type: z.string().optional() }), z.null()],
  { error: "expected text or an object with `content`" },
);

export const PostmanVariable = z.looseObject({
  key: z.string().optional(),
  value: z.unknown().optional(),
  type: z.string().optional(),
  disabled: z.boolean().optional(),
  description: Description.optional(),
});

export const PostmanAuth = z.looseObject({ type: z.string() });

export const PostmanEvent = z.looseObject({
  listen: z.enum(["prerequest", "test"]),
  script: z.looseObject({
    exec: z.union([z.string(), z.array(z.string())], { error: "expected a script line or a list of lines" }),
    type: z.string().optional(),
  }),
  disabled: z.boolean().optional(),
});

const QueryParam = z.looseObject({
  key: z.string().nullable(),
  value: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  description: Description.optional(),
});

const PathSegment = z.looseObject({ type: z.string().optional(), value: z.string().nullable().optional() });

export const PostmanUrl = z.union(
  [
    z.string(),
    z.looseObject({
      raw: z.string().optional(),
      protocol: z.string().optional(),
      host: z.union([z.string(), z.array(z.string())], { error: "expected a host or its parts" }).optional(),
      port: z.string().optional(),
      path: z
        .union([z.string(), z.array(z.union([z.string(), PathSegment]))], { error: "expected a path or its segments" })
        .optional(),
      query: z.array(QueryParam).optional(),
      hash: z.string().optional(),
      variable: z.array(PostmanVariable).optional(),
    }),
  ],
  { error: "expected a URL string or a URL object" },
);

const Header = z.looseObject({
  key: z.string(),
  value: z.string(),
  disabled: z.boolean().optional(),
  description: Description.optional(),
});

const FormField = z.looseObject({
  key: z.string(),
  value: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  type: z.string().optional(),
});

export const PostmanBody = z.looseObject({
  // Postman writes `{}` for a request without a body, so the mode itself is optional.
  mode: z.enum(["raw", "urlencoded", "formdata", "file", "graphql", "none"]).optional(),
  raw: z.string().optional(),
  urlencoded: z.array(FormField).optional(),
  formdata: z.array(FormField).optional(),
  file: z.looseObject({ src: z.string().nullable().optional(), content: z.string().optional() }).optional(),
  graphql: z.looseObject({}).optional(),
  options: z.looseObject({}).optional(),
  disabled: z.boolean().optional(),
});

export const PostmanRequest = z.union(
  [
    z.string(),
    z.looseObject({
      method: z.string().optional(),
      url: PostmanUrl.optional(),
      header: z.union([z.array(Header), z.string()], { error: "expected a list of headers" }).optional(),
      body: PostmanBody.nullable().optional(),
      auth: PostmanAuth.nullable().optional(),
      description: Description.optional(),
    }),
  ],
  { error: "expected a URL string or a request object" },
);

/**
 * A folder (has `item`) or a request (has `request`). One object rather than a union: a failed
 * union reports only "invalid input" at the item, where this points at the field that is wrong.
 * Which of the two an item must be is checked at the collection (see `requireRequestOrFolder`),
 * because a refinement here would make the recursive type uninferable.
 */
export const PostmanItem = z.looseObject({
  name: z.string().optional(),
  description: Description.optional(),
  get item(): z.ZodOptional<z.ZodArray<typeof PostmanItem>> {
    return z.array(PostmanItem).optional();
  },
  request: PostmanRequest.optional(),
  response: z.array(z.unknown()).optional(),
  event: z.array(PostmanEvent).optional(),
  variable: z.array(PostmanVariable).optional(),
  auth: PostmanAuth.nullable().optional(),
});
export type PostmanItem = z.infer<typeof PostmanItem>;

function requireRequestOrFolder(items: PostmanItem[], path: (string | number)[], ctx: z.RefinementCtx) {
  items.forEach((item, index) => {
    if (item.item) requireRequestOrFolder(item.item, [...path, index, "item"], ctx);
    else if (item.request === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [...path, index],
        message: "an item needs a `request` (a request) or an `item` list (a folder)",
      });
    }
  });
}

export const PostmanCollection = z
  .looseObject({
    info: z.looseObject({
      name: z.string().refine((name) => name.trim() !== "", { error: "give the collection a name" }),
      schema: z.string().regex(POSTMAN_V21_SCHEMA_PATTERN, { error: ONLY_V21_MESSAGE }),
      description: Description.optional(),
    }),
    item: z.array(PostmanItem),
    event: z.array(PostmanEvent).optional(),
    variable: z.array(PostmanVariable).optional(),
    auth: PostmanAuth.nullable().optional(),
  })
  .superRefine((collection, ctx) => requireRequestOrFolder(collection.item, ["item"], ctx));
export type PostmanCollection = z.infer<typeof PostmanCollection>;
