// The Python servers of the browser tests (Debian's /usr/bin/python3 with its packages): Flask with flask-cors,
// Django with django-cors-headers, FastAPI/Starlette on uvicorn. Each gives the files of a server directory,
// `run.py` the program to start, around the example `code`, answering `resource` with `body` (JSON text) on
// 127.0.0.1:PORT.
import { join } from 'node:path';

function flaskFiles(dir, port, _path, code, body, resource) {
  const run = `import sys
from flask import Flask, request
app = Flask('example')
ns = {'__name__': 'example', 'app': app}
with open(${JSON.stringify(join(dir, 'example.py'))}) as f:
    exec(compile(f.read(), 'app.py', 'exec'), ns)
app = ns['app']
if not any(r.rule == ${JSON.stringify(resource)} for r in app.url_map.iter_rules()):
    def harness_data():
        return app.response_class(${JSON.stringify(body)}, mimetype='application/json')
    app.add_url_rule(${JSON.stringify(resource)}, 'harness_data', harness_data, methods=['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
app.run(host='127.0.0.1', port=${port}, debug=False, use_reloader=False)
`;
  return { 'example.py': code, 'run.py': run };
}

// Django (Debian's python3-django 3.2 and python3-django-cors-headers 3.14, /usr/bin/python3): the example is
// the settings module `example_settings`, star-imported by a harness settings module after its defaults
// (CorsMiddleware first, CommonMiddleware); /api/data answers every method. Served by wsgiref as a WSGI
// server does in production: Django's system checks do not run (runserver would run them).
// A `middleware.py` example is a hand-written middleware module instead: its class `CorsMiddleware` is the
// only MIDDLEWARE (no django-cors-headers).
function djangoFiles(dir, port, path, code, body, resource) {
  const ownMiddleware = path.split('/').pop() === 'middleware.py';
  const files = { [ownMiddleware ? 'example_middleware.py' : 'example_settings.py']: code };
  files['harness_settings.py'] =
    `SECRET_KEY = 'harness'
DEBUG = False
ALLOWED_HOSTS = ['*']
ROOT_URLCONF = 'harness_urls'
INSTALLED_APPS = ['corsheaders']
` +
      (ownMiddleware
        ? `MIDDLEWARE = ['example_middleware.CorsMiddleware']\n`
        : `MIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']
from example_settings import *  # noqa
`);
  files['harness_urls.py'] = `from django.http import HttpResponse
from django.urls import path
def data(request):
    return HttpResponse(${JSON.stringify(body)}, content_type='application/json')
urlpatterns = [path(${JSON.stringify(resource.slice(1))}, data)]
`;
  // A middleware the harness's own test lists to see that the example's settings are in force.
  files['harness_mw.py'] = `class XHarness:
    def __init__(self, get_response):
        self.get_response = get_response
    def __call__(self, request):
        r = self.get_response(request)
        r['X-Harness'] = '1'
        return r
`;
  files['run.py'] = `import os, sys
sys.path.insert(0, ${JSON.stringify(dir)})
os.environ['DJANGO_SETTINGS_MODULE'] = 'harness_settings'
from wsgiref.simple_server import make_server, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
class Quiet(WSGIRequestHandler):
    def log_message(self, *a):
        pass
make_server('127.0.0.1', ${port}, get_wsgi_application(), handler_class=Quiet).serve_forever()
`;
  return files;
}

// FastAPI / Starlette (Debian's python3-fastapi 0.92, python3-starlette 0.26.1, python3-uvicorn): \`app\` is a
// FastAPI app unless the example makes its own; the example runs in that namespace, then /api/data is added
// for every method unless routed, and uvicorn serves \`app\`.
function starletteFiles(dir, port, _path, code, body, resource) {
  const run = `from fastapi import FastAPI
from starlette.responses import Response
import uvicorn
app = FastAPI()
ns = {'__name__': 'example', 'app': app}
with open(${JSON.stringify(join(dir, 'example.py'))}) as f:
    exec(compile(f.read(), 'main.py', 'exec'), ns)
app = ns['app']
async def harness_data(request):
    return Response(${JSON.stringify(body)}, media_type='application/json')
if not any(getattr(r, 'path', None) == ${JSON.stringify(resource)} for r in app.routes):
    app.add_route(${JSON.stringify(resource)}, harness_data, methods=['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
uvicorn.run(app, host='127.0.0.1', port=${port}, log_level='warning')
`;
  return { 'example.py': code, 'run.py': run };
}

const BUILDERS = { flask: flaskFiles, django: djangoFiles, starlette: starletteFiles };

/** The files of the server directory `dir` for `format` (flask, django, starlette); `run.py` starts it. */
export function pythonServerFiles(format, dir, port, path, code, body, resource) {
  return BUILDERS[format](dir, port, path, code, body, resource);
}
