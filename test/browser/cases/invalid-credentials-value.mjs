// ACAC counts only as the exact string `true`: `True` or `false` make every credentialed request fail.
export default {
  rule: 'invalid-credentials-value',
  request: { method: 'GET', credentials: 'include' },
  before: { legit: 'blocked', corsError: 'InvalidAllowCredentials' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // `false`: the preferred fix removes the header (the author did not want credentials; `false` acts like an
    // absent header). After it, requests without credentials are readable; credentialed ones stay blocked.
    '.htaccess': { after: { request: { credentials: 'omit' } } },
  },
  extraExamples: [
    // Sinatra 3.0.5, a before filter: `True` sent as written
    {
      path: 'sinatra-app.rb',
      code: "require 'sinatra'\n\nbefore do\n  headers 'Access-Control-Allow-Origin' => 'https://app.example.com',\n          'Access-Control-Allow-Credentials' => 'True'\nend\n",
    },
  ],
};
