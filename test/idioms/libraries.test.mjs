// CORS library configuration as real projects write it (framework skeletons, tutorials, common mistakes),
// through the real CLI: exactly these findings, and none on the correct configurations.
import { test } from 'node:test';
import { checkIdioms } from './cli.mjs';

const LIBRARIES = [
  // Starlette echoes the Origin for allow_origins ["*"] with credentials when the request carries a cookie
  {
    path: "api/app_star.py",
    code: "from fastapi import FastAPI\n" +
      "from fastapi.middleware.cors import CORSMiddleware\n" +
      "\n" +
      "app = FastAPI()\n" +
      "app.add_middleware(\n" +
      "    CORSMiddleware,\n" +
      "    allow_origins=[\"*\"],\n" +
      "    allow_credentials=True,\n" +
      "    allow_methods=[\"*\"],\n" +
      "    allow_headers=[\"*\"],\n" +
      ")\n",
    expect: ["7 reflected-origin-with-credentials"],
  },
  // the FastAPI tutorial form with an explicit list: correct
  {
    path: "api/main.py",
    code: "from fastapi import FastAPI\n" +
      "from fastapi.middleware.cors import CORSMiddleware\n" +
      "\n" +
      "app = FastAPI()\n" +
      "\n" +
      "origins = [\n" +
      "    \"http://localhost:5173\",\n" +
      "    \"https://app.example.com\",\n" +
      "]\n" +
      "\n" +
      "app.add_middleware(\n" +
      "    CORSMiddleware,\n" +
      "    allow_origins=origins,\n" +
      "    allow_credentials=True,\n" +
      "    allow_methods=[\"*\"],\n" +
      "    allow_headers=[\"*\"],\n" +
      ")\n",
    expect: [],
  },
  // hono/cors with a list and credentials: correct
  {
    path: "hono-app.ts",
    code: "import { Hono } from 'hono';\n" +
      "import { cors } from 'hono/cors';\n" +
      "const app = new Hono();\n" +
      "app.use('/api/*', cors({ origin: ['https://app.example.com'], credentials: true, allowHeaders: ['Content-Type', 'Authorization'] }));\n" +
      "export default app;\n",
    expect: [],
  },
  // @koa/cors 5: credentials with the default origin echo every Origin
  {
    path: "koa-server.js",
    code: "const Koa = require('koa');\n" +
      "const cors = require('@koa/cors');\n" +
      "const app = new Koa();\n" +
      "app.use(cors({ credentials: true }));\n" +
      "app.listen(3000);\n",
    expect: ["4 reflected-origin-with-credentials"],
  },
  // the Laravel skeleton with one origin from the environment: correct
  {
    path: "laravel/config/cors.php",
    code: "<?php\n" +
      "\n" +
      "return [\n" +
      "    'paths' => ['api/*', 'sanctum/csrf-cookie'],\n" +
      "    'allowed_methods' => ['*'],\n" +
      "    'allowed_origins' => [env('FRONTEND_URL', 'http://localhost:3000')],\n" +
      "    'allowed_origins_patterns' => [],\n" +
      "    'allowed_headers' => ['*'],\n" +
      "    'exposed_headers' => [],\n" +
      "    'max_age' => 0,\n" +
      "    'supports_credentials' => true,\n" +
      "];\n",
    expect: [],
  },
  // django-cors-headers with an explicit list: correct
  {
    path: "proj/settings.py",
    code: "import os\n" +
      "from pathlib import Path\n" +
      "\n" +
      "BASE_DIR = Path(__file__).resolve().parent.parent\n" +
      "DEBUG = os.environ.get(\"DEBUG\") == \"1\"\n" +
      "\n" +
      "INSTALLED_APPS = [\n" +
      "    \"django.contrib.contenttypes\",\n" +
      "    \"corsheaders\",\n" +
      "    \"rest_framework\",\n" +
      "]\n" +
      "\n" +
      "MIDDLEWARE = [\n" +
      "    \"django.middleware.security.SecurityMiddleware\",\n" +
      "    \"corsheaders.middleware.CorsMiddleware\",\n" +
      "    \"django.middleware.common.CommonMiddleware\",\n" +
      "]\n" +
      "\n" +
      "CORS_ALLOWED_ORIGINS = [\n" +
      "    \"https://app.example.com\",\n" +
      "    \"http://localhost:3000\",\n" +
      "]\n" +
      "CORS_ALLOW_CREDENTIALS = True\n",
    expect: [],
  },
  // the pre-3.0 name CORS_ORIGIN_ALLOW_ALL with credentials echoes every Origin
  {
    path: "proj/settings_dev.py",
    code: "INSTALLED_APPS = [\"corsheaders\"]\n" +
      "MIDDLEWARE = [\"corsheaders.middleware.CorsMiddleware\", \"django.middleware.common.CommonMiddleware\"]\n" +
      "CORS_ORIGIN_ALLOW_ALL = True\n" +
      "CORS_ALLOW_CREDENTIALS = True\n",
    expect: ["3 reflected-origin-with-credentials"],
  },
  // the Symfony Flex recipe, origin from the environment: correct
  {
    path: "sym/config/packages/nelmio_cors.yaml",
    code: "nelmio_cors:\n" +
      "    defaults:\n" +
      "        origin_regex: true\n" +
      "        allow_origin: ['%env(CORS_ALLOW_ORIGIN)%']\n" +
      "        allow_methods: ['GET', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']\n" +
      "        allow_headers: ['Content-Type', 'Authorization']\n" +
      "        expose_headers: ['Link']\n" +
      "        max_age: 3600\n" +
      "    paths:\n" +
      "        '^/': null\n",
    expect: [],
  },
];

test('idioms: CORS libraries of Django, FastAPI, Koa, Hono, Laravel and Symfony', () => checkIdioms(LIBRARIES));
