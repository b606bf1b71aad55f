// Spectral's own path-params check (oasPathParam), minus one finding: "/x/{idOrSlug}" and "/x/{id}" counted as
// the same path. See .spectral.yaml for why the contract keeps both.
import { oas } from '@stoplight/spectral-rulesets';

const pathParams = oas.rules['path-params'].then.function;
const idOrSlugPair = /^Paths "(.*)\{idOrSlug\}" and "\1\{id\}" must not be equivalent\.$/;

export default function pathParamsAllowingIdOrSlug(input, options, context) {
  const results = pathParams(input, options, context) ?? [];
  return results.filter((result) => !idOrSlugPair.test(result.message));
}
