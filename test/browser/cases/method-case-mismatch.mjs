// `patch` in Allow-Methods does not allow PATCH: only DELETE/GET/HEAD/OPTIONS/POST/PUT are normalised.
export default {
  rule: 'method-case-mismatch',
  request: { method: 'PATCH', credentials: 'omit', headers: {}, body: '{"a":1}' },
  before: { legit: 'blocked', corsError: 'MethodDisallowedByPreflightResponse' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // Starlette compares the requested method byte-exact with allow_methods and answers the preflight 400.
    'main.py': { before: { legit: 'blocked', corsError: 'PreflightInvalidStatus' } },
  },
  extraExamples: [
    // Sinatra 3.0.5: an `options '*'` route answers the preflight with the methods as written
    {
      path: 'sinatra-app.rb',
      code:
        "require 'sinatra'\n\nbefore do\n  headers 'Access-Control-Allow-Origin' => 'https://app.example.com'\nend\n\n" +
        "options '*' do\n  headers 'Access-Control-Allow-Methods' => 'GET, POST, patch',\n          'Access-Control-Allow-Headers' => 'Content-Type'\n  200\nend\n",
    },
    {
      // django-cors-headers sends CORS_ALLOW_METHODS as written.
      path: 'settings.py',
      code:
        'INSTALLED_APPS = ["corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\n\n' +
        'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_METHODS = ["GET", "POST", "patch"]\n',
    },
    {
      path: 'main.py',
      code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_methods=["GET", "patch"])\n',
    },
  ],
};
