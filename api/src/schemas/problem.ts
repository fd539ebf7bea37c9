import * as v from 'valibot';

export const ProblemSchema = v.object({
  type: v.string(),
  code: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.string(),
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});
export type ProblemDocument = v.InferOutput<typeof ProblemSchema>;
