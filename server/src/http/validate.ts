import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import { ApiError } from './errors';

const TARGET_WORDS: Partial<Record<keyof ValidationTargets, string>> = {
  query: 'query parameter',
  json: 'body field',
  param: 'path parameter',
  form: 'form field',
  header: 'header',
};

/** Describes validation issues in plain words, naming each offending parameter. */
export function describeIssues(target: keyof ValidationTargets, issues: readonly StandardSchemaV1.Issue[]) {
  const word = TARGET_WORDS[target] ?? target;
  return issues
    .map((issue) => {
      const name = (issue.path ?? [])
        .map((p) => (typeof p === 'object' ? String(p.key) : String(p)))
        .join('.');
      return name ? `${word} "${name}": ${issue.message}` : `${word}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates one part of the request with a shared zod schema (also documenting it in OpenAPI);
 * invalid input becomes a 400 naming the parameter and what is allowed. Read it with `c.req.valid()`.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends StandardSchemaV1>(
  target: Target,
  schema: Schema,
) {
  return validator(target, schema, (result) => {
    if (!result.success) throw new ApiError(400, 'invalid_parameter', describeIssues(target, result.error));
  });
}
