/** Amazon S3 bucket CORS (PutBucketCors JSON, CloudFormation AWS::S3::Bucket CorsRule, Terraform cors_rule).
 *  Semantics from the Amazon S3 User Guide, "Elements of a CORS configuration" and "Troubleshooting CORS"
 *  (read 2026-12-03); the same text for each spelling of an option. */
import type { LibraryDocs, OptionDoc } from './types.js';

const ORIGINS =
  'The origins a rule admits. S3 compares the request `Origin` with each entry as a string; an entry may hold **one** `*` wildcard (`https://*.example.com`). ' +
  'A rule whose entry is `*` answers `Access-Control-Allow-Origin: *` without credentials; any other match is **echoed** with `Access-Control-Allow-Credentials: true` and `Vary: Origin`. ' +
  'Pitfalls: a trailing slash, a path, a missing scheme or a default port (`:443`) never equals an Origin header; `http*` or `https://*` admit every site with credentials.';
const METHODS = 'The methods a rule allows (GET, PUT, POST, DELETE, HEAD; upper case), sent as `Access-Control-Allow-Methods`. The request method (or the preflight\'s Access-Control-Request-Method) must be listed for the rule to match.';
const HEADERS =
  'Headers a preflight may ask for (each entry may hold one `*`, e.g. `x-amz-*`). S3 sends back only the requested headers that match; a preflight asking for any other header matches no rule (403, no CORS headers). Default: none.';
const EXPOSE = 'Response headers scripts may read, sent as `Access-Control-Expose-Headers` (e.g. `ETag` for multipart uploads). Default: none.';
const MAX_AGE = 'Seconds a browser may cache the preflight answer, sent as `Access-Control-Max-Age`. Chromium caps it at 7200, Firefox at 86400.';
const RULES = 'The list of CORS rules (up to 100). S3 uses the **first** rule whose origin, method and requested headers all match; later rules never apply to that request.';

const spell = (names: string[], sends: string): OptionDoc[] => names.map((name) => ({ name, sends }));

const lib: LibraryDocs = {
  id: 'aws-s3',
  title: 'Amazon S3 bucket CORS',
  version: '2026.12 (S3 User Guide and API Reference, read 2026-12-03)',
  docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html',
  options: [
    ...spell(['CORSRules', 'CorsRules', 'cors_rule', 'CORSRule'], RULES),
    ...spell(['CorsConfiguration'], 'The bucket\'s CORS configuration (CloudFormation): `CorsRules`, matched in order. ' + RULES),
    ...spell(['AllowedOrigins', 'allowed_origins', 'AllowedOrigin'], ORIGINS),
    ...spell(['AllowedMethods', 'allowed_methods', 'AllowedMethod'], METHODS),
    ...spell(['AllowedHeaders', 'allowed_headers', 'AllowedHeader'], HEADERS),
    ...spell(['ExposeHeaders', 'ExposedHeaders', 'expose_headers', 'ExposeHeader'], EXPOSE),
    ...spell(['MaxAgeSeconds', 'MaxAge', 'max_age_seconds'], MAX_AGE),
  ],
};

export default lib;
