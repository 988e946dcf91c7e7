// Hand-written CORS and library options as real projects write them (Express, Flask, plain PHP), through the
// real CLI: exactly these findings, and none on the correct idioms.
import { test } from 'node:test';
import { checkIdioms } from './cli.mjs';

const EXPRESS = [
  // allowlist membership guards the echo; the OPTIONS answer lists no Allow-Headers
  {
    path: "allowlist-guard.js",
    code: "const allowedOrigins = ['https://app.example.com', 'https://admin.example.com'];\n" +
      "module.exports = (req, res, next) => {\n" +
      "  const { origin } = req.headers;\n" +
      "  res.header('Access-Control-Allow-Credentials', true);\n" +
      "  if (allowedOrigins.includes(origin)) {\n" +
      "    res.header('Access-Control-Allow-Origin', origin);\n" +
      "    res.header('Vary', 'Origin');\n" +
      "  }\n" +
      "  if (req.method === 'OPTIONS') return res.sendStatus(204);\n" +
      "  next();\n" +
      "};\n",
    expect: ["6 missing-allow-headers"],
  },
  // the cors package with an origin callback checking a list: correct
  {
    path: "cors-lib.js",
    code: "const cors = require('cors');\n" +
      "const whitelist = ['https://app.example.com'];\n" +
      "app.use(cors({\n" +
      "  origin(origin, callback) {\n" +
      "    if (!origin || whitelist.indexOf(origin) !== -1) callback(null, true);\n" +
      "    else callback(new Error('Not allowed by CORS'));\n" +
      "  },\n" +
      "  credentials: true,\n" +
      "}));\n",
    expect: [],
  },
  // origin: true echoes every Origin, with credentials
  {
    path: "cors-true.js",
    code: "const cors = require('cors');\n" +
      "app.use(cors({ origin: true, credentials: true }));\n",
    expect: ["2 reflected-origin-with-credentials"],
  },
  // a list from the environment, checked with includes: correct (its entries are unknown, the check is not)
  {
    path: "env-allowlist.mjs",
    code: "const ALLOW = (process.env.ALLOWED ?? '').split(',').map((s) => s.trim()).filter(Boolean);\n" +
      "export function corsAllowList(req, res, next) {\n" +
      "  const origin = req.headers.origin;\n" +
      "  if (origin && ALLOW.includes(origin)) {\n" +
      "    res.setHeader('Access-Control-Allow-Origin', origin);\n" +
      "    res.setHeader('Vary', 'Origin');\n" +
      "    res.setHeader('Access-Control-Allow-Credentials', 'true');\n" +
      "  }\n" +
      "  if (req.method === 'OPTIONS') return res.status(204).end();\n" +
      "  next();\n" +
      "}\n",
    expect: ["5 missing-allow-headers"],
  },
  // `origin || "*"` echoes every Origin; credentials too
  {
    path: "origin-or-star.js",
    code: "module.exports = function (req, res, next) {\n" +
      "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');\n" +
      "  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');\n" +
      "  res.setHeader('Access-Control-Allow-Credentials', true);\n" +
      "  next();\n" +
      "};\n",
    expect: ["2 missing-vary-origin", "2 reflected-origin-with-credentials", "3 missing-allow-headers"],
  },
  // a presence test guards nothing
  {
    path: "presence-only.ts",
    code: "import type { Request, Response, NextFunction } from 'express';\n" +
      "export default function cors(req: Request, res: Response, next: NextFunction) {\n" +
      "  const origin = req.headers.origin as string | undefined;\n" +
      "  if (origin) {\n" +
      "    res.setHeader('Access-Control-Allow-Origin', origin);\n" +
      "    res.setHeader('Access-Control-Allow-Credentials', 'true');\n" +
      "  }\n" +
      "  next();\n" +
      "}\n",
    expect: ["5 missing-vary-origin", "5 reflected-origin-with-credentials"],
  },
  // Set lookup, headers set with an object: correct
  {
    path: "set-lookup.js",
    code: "const TRUSTED = new Set(['https://app.example.com']);\n" +
      "app.use((req, res, next) => {\n" +
      "  const origin = req.header('origin');\n" +
      "  if (TRUSTED.has(origin)) {\n" +
      "    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' });\n" +
      "  }\n" +
      "  next();\n" +
      "});\n",
    expect: [],
  },
  // checked in a ternary, empty string otherwise: correct
  {
    path: "ternary-allowlist.js",
    code: "const list = (process.env.ALLOWED_ORIGINS || '').split(',');\n" +
      "const headers = (req, res, next) => {\n" +
      "  const origin = req.get('Origin');\n" +
      "  res.setHeader('Access-Control-Allow-Origin', list.includes(origin) ? origin : '');\n" +
      "  res.setHeader('Vary', 'Origin');\n" +
      "  res.setHeader('Access-Control-Allow-Credentials', 'true');\n" +
      "  next();\n" +
      "};\n" +
      "module.exports = headers;\n",
    expect: [],
  },
];

const FLASK_PHP = [
  // Flask after_request with a set allowlist; the automatic OPTIONS answer gets no Allow-Headers
  {
    path: "after_request.py",
    code: "from flask import Flask, request\n" +
      "\n" +
      "app = Flask(__name__)\n" +
      "ALLOWED = {\"https://app.example.com\", \"https://admin.example.com\"}\n" +
      "\n" +
      "\n" +
      "@app.after_request\n" +
      "def add_cors(response):\n" +
      "    origin = request.headers.get(\"Origin\")\n" +
      "    if origin in ALLOWED:\n" +
      "        response.headers[\"Access-Control-Allow-Origin\"] = origin\n" +
      "        response.headers[\"Access-Control-Allow-Credentials\"] = \"true\"\n" +
      "        response.headers[\"Vary\"] = \"Origin\"\n" +
      "    return response\n",
    expect: ["11 missing-allow-headers"],
  },
  // in_array strict allowlist, a complete preflight answer: correct
  {
    path: "api.php",
    code: "<?php\n" +
      "$allowed = ['https://app.example.com', 'https://admin.example.com'];\n" +
      "$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n" +
      "if (in_array($origin, $allowed, true)) {\n" +
      "    header(\"Access-Control-Allow-Origin: $origin\");\n" +
      "    header('Access-Control-Allow-Credentials: true');\n" +
      "    header('Vary: Origin');\n" +
      "}\n" +
      "if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') {\n" +
      "    header('Access-Control-Allow-Methods: GET, POST, OPTIONS');\n" +
      "    header('Access-Control-Allow-Headers: Content-Type, Authorization');\n" +
      "    http_response_code(204);\n" +
      "    exit;\n" +
      "}\n" +
      "echo json_encode(['ok' => true]);\n",
    expect: [],
  },
  // one origin from the environment: nothing to say
  {
    path: "flask_cors_ok.py",
    code: "import os\n" +
      "from flask import Flask\n" +
      "from flask_cors import CORS\n" +
      "\n" +
      "app = Flask(__name__)\n" +
      "CORS(app, origins=os.environ.get(\"FRONTEND_URL\", \"http://localhost:3000\"), supports_credentials=True)\n",
    expect: [],
  },
  // resource origins * with supports_credentials echo every Origin, whatever the loaded config says
  {
    path: "flask_cors_star.py",
    code: "from flask import Flask\n" +
      "from flask_cors import CORS\n" +
      "\n" +
      "app = Flask(__name__)\n" +
      "app.config.from_object(\"config.Production\")\n" +
      "CORS(app, supports_credentials=True, resources={r\"/api/*\": {\"origins\": \"*\"}})\n",
    expect: ["6 reflected-origin-with-credentials"],
  },
  // `if origin:` checks presence only
  {
    path: "presence.py",
    code: "from flask import Flask, request\n" +
      "\n" +
      "app = Flask(__name__)\n" +
      "\n" +
      "\n" +
      "@app.after_request\n" +
      "def cors(resp):\n" +
      "    origin = request.headers.get(\"Origin\")\n" +
      "    if origin:\n" +
      "        resp.headers[\"Access-Control-Allow-Origin\"] = origin\n" +
      "        resp.headers[\"Access-Control-Allow-Credentials\"] = \"true\"\n" +
      "        resp.headers[\"Vary\"] = \"Origin\"\n" +
      "    return resp\n",
    expect: ["10 missing-allow-headers", "10 reflected-origin-with-credentials"],
  },
  // the Origin echoed with credentials
  {
    path: "reflect.php",
    code: "<?php\n" +
      "header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);\n" +
      "header('Access-Control-Allow-Credentials: true');\n" +
      "header('Content-Type: application/json');\n" +
      "echo json_encode(['user' => 1]);\n",
    expect: ["2 missing-vary-origin", "2 reflected-origin-with-credentials"],
  },
  // * with credentials: the browser refuses it
  {
    path: "star-cred.php",
    code: "<?php\n" +
      "header(\"Access-Control-Allow-Origin: *\");\n" +
      "header(\"Access-Control-Allow-Credentials: true\");\n" +
      "header(\"Access-Control-Allow-Methods: GET, POST\");\n",
    expect: ["2 wildcard-origin-with-credentials", "4 missing-allow-headers"],
  },
];

test('idioms: Express and Node middleware', () => checkIdioms(EXPRESS));
test('idioms: Flask and plain PHP', () => checkIdioms(FLASK_PHP));
