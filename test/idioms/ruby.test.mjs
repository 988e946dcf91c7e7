// Ruby CORS set-ups as real projects write them (the Rails initializer, config.ru, Sinatra snippets, Rails API
// controllers, Rack middleware), through the real CLI: exactly these findings, and none on the correct ones.
import { test } from 'node:test';
import { checkIdioms } from './cli.mjs';

const RUBY = [
  // the Rails API initializer, uncommented with a scheme-less host (rack-cors matches it under any scheme)
  {
    path: 'config/initializers/cors.rb',
    code:
      '# Be sure to restart your server when you modify this file.\n' +
      '\n' +
      'Rails.application.config.middleware.insert_before 0, Rack::Cors do\n' +
      '  allow do\n' +
      '    origins "example.com"\n' +
      '\n' +
      '    resource "*",\n' +
      '      headers: :any,\n' +
      '      methods: [:get, :post, :put, :patch, :delete, :options, :head]\n' +
      '  end\n' +
      'end\n',
    expect: [],
  },
  // the same initializer still commented out: nothing is configured
  {
    path: 'other/config/initializers/cors.rb',
    code:
      '# Rails.application.config.middleware.insert_before 0, Rack::Cors do\n' +
      '#   allow do\n' +
      '#     origins "example.com"\n' +
      '#     resource "*", headers: :any, methods: [:get, :post]\n' +
      '#   end\n' +
      '# end\n',
    expect: [],
  },
  // "allow everything", without credentials: rack-cors sends *, which is what it says
  {
    path: 'open/config/initializers/cors.rb',
    code:
      "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins '*'\n" +
      "    resource '*', headers: :any, methods: %i[get post put patch delete options head]\n  end\nend\n",
    expect: [],
  },
  // ... and then credentials added to it: rack-cors refuses to start
  {
    path: 'creds/config/initializers/cors.rb',
    code:
      "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins '*'\n" +
      "    resource '*', headers: :any, methods: :any, credentials: true\n  end\nend\n",
    expect: ['3 wildcard-origin-with-credentials'],
  },
  // the front end's URL copied from the address bar: the slash never matches
  {
    path: 'slash/config/initializers/cors.rb',
    code:
      "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n" +
      "    origins 'localhost:3000', 'https://my-frontend.example.com/'\n" +
      "    resource '/api/*', headers: :any, methods: [:get, :post, :options], credentials: true\n  end\nend\n",
    expect: ['3 invalid-allowlist-entry'],
  },
  // config.ru of a Rack / Grape API
  {
    path: 'config.ru',
    code:
      "require 'rack/cors'\nrequire_relative 'api'\n\nuse Rack::Cors do\n  allow do\n    origins 'https://app.example.com'\n" +
      "    resource '/v1/*', headers: :any, methods: [:get, :post, :delete, :options], max_age: 86400\n  end\nend\n\nrun API\n",
    expect: ['7 max-age-over-browser-cap'],
  },
  // the Sinatra snippet: * from a before filter, a catch-all OPTIONS route
  {
    path: 'sinatra/app.rb',
    code:
      "require 'sinatra'\n\nbefore do\n  response.headers['Access-Control-Allow-Origin'] = '*'\nend\n\n" +
      "options '*' do\n  response.headers['Allow'] = 'GET, PUT, POST, DELETE, OPTIONS'\n" +
      "  response.headers['Access-Control-Allow-Headers'] = 'Authorization, Content-Type, Accept'\n" +
      "  response.headers['Access-Control-Allow-Origin'] = '*'\n  200\nend\n",
    expect: [],
  },
  // a Rails API controller writing the headers itself, with ingress-nginx's long max-age
  {
    path: 'app/controllers/application_controller.rb',
    code:
      'class ApplicationController < ActionController::API\n' +
      '  before_action :cors_set_access_control_headers\n\n' +
      '  def cors_set_access_control_headers\n' +
      "    headers['Access-Control-Allow-Origin'] = '*'\n" +
      "    headers['Access-Control-Allow-Methods'] = 'POST, GET, PUT, DELETE, OPTIONS'\n" +
      "    headers['Access-Control-Allow-Headers'] = 'Origin, Content-Type, Accept, Authorization, Token'\n" +
      "    headers['Access-Control-Max-Age'] = '1728000'\n" +
      '  end\nend\n',
    expect: ['8 max-age-over-browser-cap'],
  },
  // a Rack middleware that "fixes CORS" by echoing the Origin with credentials
  {
    path: 'lib/middleware/cors_everywhere.rb',
    code:
      'class CorsEverywhere\n  def initialize(app)\n    @app = app\n  end\n\n  def call(env)\n' +
      '    status, headers, body = @app.call(env)\n' +
      "    headers['Access-Control-Allow-Origin'] = env['HTTP_ORIGIN'] if env['HTTP_ORIGIN']\n" +
      "    headers['Access-Control-Allow-Credentials'] = 'true'\n" +
      '    [status, headers, body]\n  end\nend\n',
    expect: ['8 reflected-origin-with-credentials', '8 missing-vary-origin'],
  },
  // the same middleware with an allowlist and Vary: correct
  {
    path: 'lib/middleware/cors_allowlist.rb',
    code:
      'class CorsAllowlist\n  ORIGINS = %w[https://app.example.com https://admin.example.com].freeze\n\n' +
      '  def initialize(app)\n    @app = app\n  end\n\n  def call(env)\n' +
      '    status, headers, body = @app.call(env)\n    origin = env["HTTP_ORIGIN"]\n' +
      '    if ORIGINS.include?(origin)\n' +
      "      headers['Access-Control-Allow-Origin'] = origin\n" +
      "      headers['Access-Control-Allow-Credentials'] = 'true'\n" +
      "      headers['Vary'] = 'Origin'\n    end\n" +
      '    [status, headers, body]\n  end\nend\n',
    expect: [],
  },
];

test('Ruby idioms through the CLI', () => checkIdioms(RUBY));
