// The Ruby servers of the browser tests (Debian's ruby 3.1 with ruby-rack 2.2, ruby-rack-cors 1.1.1,
// ruby-webrick 1.8, ruby-sinatra 3.0): each gives the files of a server directory, `run.rb` the program to
// start, around the example `code`, answering `resource` with `body` (JSON text) on 127.0.0.1:PORT.
//
// - rack: a `config.ru` / `rack-*.rb` example is evaluated as a rackup file by Rack::Builder (`use Rack::Cors do …
//   end`; `run App` if it names one, else the harness's JSON app runs). A Rails initializer
//   (`config/initializers/*.rb`: `Rails.application.config.middleware.insert_before 0, Rack::Cors do … end`)
//   runs on the same builder: `Rails.application.config.middleware` stands for Rails' middleware stack, and
//   its `insert_before 0` puts the middleware first, as Rails does; the middleware itself is the real rack-cors.
// - sinatra: a `sinatra-*.rb` example is the body of a Sinatra::Base application (its filters and routes),
//   `require 'sinatra'` lines left out (classic mode would start its own server); /api/data is routed for every
//   method unless the example routes it.
// Both are served by WEBrick through Rack::Handler::WEBrick.
import { join } from 'node:path';

const PRELUDE = (dir, resource) => `require 'rack'
require 'webrick'
require 'rack/handler/webrick'
BODY = File.read(${JSON.stringify(join(dir, 'body.json'))})
App = lambda do |env|
  next [404, { 'Content-Type' => 'text/plain' }, ['not found']] unless env['PATH_INFO'] == ${JSON.stringify(resource)}
  [200, { 'Content-Type' => 'application/json' }, [BODY]]
end
`;

const SERVE = (port) => `Rack::Handler::WEBrick.run(APP, Host: '127.0.0.1', Port: ${port}, AccessLog: [], Logger: WEBrick::Log.new(File::NULL))
`;

function rackFiles(dir, port, _path, code, body, resource) {
  const run = `${PRELUDE(dir, resource)}require 'rack/cors'
BUILDER = Rack::Builder.new
# Rails' middleware stack, as far as an initializer uses it: every insertion goes first (insert_before 0).
module Rails
  Stack = Struct.new(:builder) do
    def insert_before(_where, klass, *args, &blk) = builder.use(klass, *args, &blk)
    def insert_after(_where, klass, *args, &blk) = builder.use(klass, *args, &blk)
    def insert(_where, klass, *args, &blk) = builder.use(klass, *args, &blk)
    def use(klass, *args, &blk) = builder.use(klass, *args, &blk)
    def unshift(klass, *args, &blk) = builder.use(klass, *args, &blk)
  end
  Config = Struct.new(:middleware)
  Application = Struct.new(:config)
  def self.application = (@application ||= Application.new(Config.new(Stack.new(BUILDER))))
end
BUILDER.instance_eval(File.read(${JSON.stringify(join(dir, 'example.rb'))}), 'config.ru')
BUILDER.run(App) unless BUILDER.instance_variable_get(:@run)
APP = BUILDER.to_app
${SERVE(port)}`;
  return { 'example.rb': code, 'body.json': body, 'run.rb': run };
}

function sinatraFiles(dir, port, _path, code, body, resource) {
  const run = `${PRELUDE(dir, resource)}require 'sinatra/base'
source = File.read(${JSON.stringify(join(dir, 'example.rb'))}).lines.reject { |l| l =~ /\\A\\s*require\\s+['"]sinatra['"]/ }.join
klass = Class.new(Sinatra::Base) do
  set :host_authorization, { permitted_hosts: [] } if respond_to?(:host_authorization)
  set :protection, false
  class_eval(source, 'app.rb')
end
unless klass.routes.values.flatten(1).any? { |r| r[0].to_s == ${JSON.stringify(resource)} }
  %w[get post put patch delete].each { |m| klass.send(m, ${JSON.stringify(resource)}) { content_type :json; BODY } }
end
APP = klass
${SERVE(port)}`;
  return { 'example.rb': code, 'body.json': body, 'run.rb': run };
}

const BUILDERS = { rack: rackFiles, sinatra: sinatraFiles };

/** The server kind of a Ruby example's path, or undefined. */
export function rubyFormatOf(path) {
  const name = path.split('/').pop();
  if (name === 'config.ru' || /^rack-.*\.rb$/.test(name) || /(^|\/)initializers\/[^/]+\.rb$/.test(path)) return 'rack';
  if (/^sinatra-.*\.rb$/.test(name)) return 'sinatra';
  return undefined;
}

/** The files of the server directory `dir` for `format` (rack, sinatra); `run.rb` starts it. */
export function rubyServerFiles(format, dir, port, path, code, body, resource) {
  return BUILDERS[format](dir, port, path, code, body, resource);
}
