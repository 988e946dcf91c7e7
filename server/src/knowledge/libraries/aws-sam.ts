/** AWS SAM `Cors` of a REST API (`AWS::Serverless::Api`, `Globals: Api`). Semantics read from
 *  aws/serverless-application-model v1.110.0: samtranslator/model/api/api_generator.py (`_add_cors`) and
 *  samtranslator/swagger/swagger.py (`add_cors`, `_options_method_response_for_cors`). */
import type { LibraryDocs } from './types.js';

const QUOTES = ' Every value is an API Gateway mapping expression: a literal needs inner single quotes, `"\'https://app.example.com\'"`.';

const lib: LibraryDocs = {
  id: 'aws-sam',
  title: 'AWS SAM (REST API Cors)',
  version: 'serverless-application-model 1.110.0',
  docs: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html',
  options: [
    {
      name: 'Cors',
      sends:
        'SAM adds an `OPTIONS` method (mock integration, 200) to every path that has none, answering the preflight with these headers. ' +
        'A string is the AllowOrigin alone. Pitfall: only the preflight gets them — the Lambda proxy response must send its own `Access-Control-Allow-Origin`.' + QUOTES,
    },
    { name: 'AllowOrigin', sends: 'The `Access-Control-Allow-Origin` value of the preflight answer: one origin or `\'*\'` (the default). It is sent as written: no list, no echo.' + QUOTES },
    { name: 'AllowMethods', sends: '`Access-Control-Allow-Methods`. Default: the methods of the path plus OPTIONS (all methods for ANY).' + QUOTES },
    { name: 'AllowHeaders', sends: '`Access-Control-Allow-Headers`. Default: not sent — a preflight asking for any non-safelisted header (Authorization, `Content-Type: application/json`) fails.' + QUOTES },
    {
      name: 'AllowCredentials',
      sends: '`true` sends `Access-Control-Allow-Credentials: true`; anything else sends nothing. SAM refuses the template when AllowOrigin is `\'*\'` or not set with it.',
    },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` of the preflight answer (Chromium caps it at 7200 s).' },
  ],
};

export default lib;
