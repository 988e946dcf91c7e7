/** API Gateway HTTP API `CorsConfiguration` (`AWS::ApiGatewayV2::Api`, SAM `AWS::Serverless::HttpApi`,
 *  `Globals: HttpApi`, Terraform `aws_apigatewayv2_api` `cors_configuration`; the same text for each
 *  spelling). From the API Gateway Developer Guide "Configuring CORS for an HTTP API" (read 2026-12-03)
 *  and serverless-application-model 1.110.0 samtranslator/model/api/http_api_generator.py. */
import type { LibraryDocs, OptionDoc } from './types.js';

const ORIGINS =
  'Origins allowed; a matching origin is echoed, `*` sends `Access-Control-Allow-Origin: *`. Pitfall: `*` together with AllowCredentials `true` is refused (SAM refuses the template).';
const CREDENTIALS = '`true` sends `Access-Control-Allow-Credentials: true`. Default false. Not allowed with AllowOrigins `*`.';
const METHODS = '`Access-Control-Allow-Methods` on the preflight answer.';
const HEADERS = '`Access-Control-Allow-Headers` on the preflight answer; a requested header not listed fails the preflight.';
const EXPOSE = '`Access-Control-Expose-Headers`: response headers scripts may read.';
const MAX_AGE = '`Access-Control-Max-Age` in seconds (Chromium caps it at 7200 s).';

const spell = (names: string[], sends: string): OptionDoc[] => names.map((name) => ({ name, sends }));

const lib: LibraryDocs = {
  id: 'aws-http-api',
  title: 'API Gateway HTTP API CORS',
  version: '2026.12 (API Gateway Developer Guide, read 2026-12-03); SAM 1.110.0',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html',
  options: [
    {
      name: 'CorsConfiguration',
      sends:
        'API Gateway answers preflights itself and adds the CORS headers to the integration\'s responses (overriding the ones it sends). ' +
        'SAM `CorsConfiguration: true` means AllowOrigins `["*"]`.',
    },
    {
      name: 'cors_configuration',
      sends: 'Terraform\'s block for the HTTP API\'s CORS configuration (fields `allow_origins`, `allow_credentials`, `allow_methods`, `allow_headers`, `expose_headers`, `max_age`). API Gateway answers preflights itself and adds the CORS headers to the integration\'s responses.',
    },
    ...spell(['AllowOrigins', 'allow_origins'], ORIGINS),
    ...spell(['AllowCredentials', 'allow_credentials'], CREDENTIALS),
    ...spell(['AllowMethods', 'allow_methods'], METHODS),
    ...spell(['AllowHeaders', 'allow_headers'], HEADERS),
    ...spell(['ExposeHeaders', 'expose_headers'], EXPOSE),
    ...spell(['MaxAge', 'max_age'], MAX_AGE),
  ],
};

export default lib;
