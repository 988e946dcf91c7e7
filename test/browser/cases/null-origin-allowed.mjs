// Allowing `null`: any page can produce `Origin: null` (here a sandboxed iframe on the attacker's page) and
// read the response.
export default {
  rule: 'null-origin-allowed',
  request: { method: 'GET', credentials: 'omit' },
  attackerFrom: 'sandboxed-iframe',
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // `header('Access-Control-Allow-Origin: null')`: with a trusted origin configured, the fix sends that origin.
  extraExamples: [
    {
      // django-cors-headers allows `null` only when it is in the list, and then echoes it.
      path: 'settings.py',
      code: 'INSTALLED_APPS = ["corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\n\nCORS_ALLOWED_ORIGINS = ["https://app.example.com", "null"]\n',
    },
    {
      path: 'main.py',
      code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com", "null"])\n',
    },
    // hapi echoes 'null' when it is in the origin list
    { path: 'hapi-server.js', code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { origin: ['https://app.example.com', 'null'] } } });\n" },
  ],
};
