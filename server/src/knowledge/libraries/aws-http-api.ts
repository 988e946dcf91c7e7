/** API Gateway HTTP API `CorsConfiguration` (`AWS::ApiGatewayV2::Api`, SAM `AWS::Serverless::HttpApi`,
 *  `Globals: HttpApi`). From the API Gateway Developer Guide "Configuring CORS for an HTTP API" (read
 *  2026-12-03) and serverless-application-model 1.110.0 samtranslator/model/api/http_api_generator.py. */
import type { LibraryDocs } from './types.js';

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
      name: 'AllowOrigins',
      sends: 'Origins allowed; a matching origin is echoed, `*` sends `Access-Control-Allow-Origin: *`. Pitfall: `*` together with AllowCredentials `true` is refused (SAM refuses the template).',
    },
    { name: 'AllowCredentials', sends: '`true` sends `Access-Control-Allow-Credentials: true`. Default false. Not allowed with AllowOrigins `*`.' },
    { name: 'AllowMethods', sends: '`Access-Control-Allow-Methods` on the preflight answer.' },
    { name: 'AllowHeaders', sends: '`Access-Control-Allow-Headers` on the preflight answer; a requested header not listed fails the preflight.' },
    { name: 'ExposeHeaders', sends: '`Access-Control-Expose-Headers`: response headers scripts may read.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` in seconds (Chromium caps it at 7200 s).' },
  ],
};

export default lib;
