// The Go servers of the browser tests, built with Debian's Go 1.19 in GOPATH mode from Debian's packaged
// libraries (golang-github-rs-cors-dev 1.7.0, golang-github-gin-contrib-cors-dev 1.4.0,
// golang-github-gin-gonic-gin-dev 1.8.1, golang-github-gorilla-handlers-dev 1.5.1 under /usr/share/gocode; no
// module proxy, no network).
// - `go-*.go`: a net/http program. The example is a `package main` file that defines
//   `func handler(next http.Handler) http.Handler` (a CORS middleware, rs/cors or hand-written); the harness
//   adds `main()`: a ServeMux answering the resource for every method, wrapped by `handler`, on 127.0.0.1:PORT.
// - `gorilla-*.go`: the same net/http program, with gorilla/handlers 1.5.1 (golang-github-gorilla-handlers-dev).
// - `gin-*.go`: a gin program. The example defines `func setup(r *gin.Engine)` (it registers middleware,
//   gin-contrib/cors or hand-written); the harness adds `main()`: gin.New(), setup(r), the resource for
//   every method (r.Any), r.Run on 127.0.0.1:PORT.
// Each server is built once per start into its temp dir (a shared build cache keeps it to a few seconds).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GO = '/usr/bin/go';
const GOPATH = '/usr/share/gocode';
const CACHE = join(tmpdir(), 'cors-lint-browser-go-cache');

/** Which Go program serves an example, by its file name. */
export function goFrameworkOf(name) {
  const m = /^(go|gin|gorilla)-[\w.-]*\.go$/.exec(name);
  return m?.[1];
}

/** For each Go format: null when it can be built here, else what is missing. */
export function goMissing() {
  const pkg = (p, deb) => (existsSync(join(GOPATH, 'src', p)) ? null : `${deb} not installed`);
  const go = existsSync(GO) ? pkg('github.com/rs/cors', 'golang-github-rs-cors-dev') : 'golang-go not installed';
  return {
    go,
    gin: go ?? pkg('github.com/gin-gonic/gin', 'golang-github-gin-gonic-gin-dev') ?? pkg('github.com/gin-contrib/cors', 'golang-github-gin-contrib-cors-dev'),
    gorilla: go ?? pkg('github.com/gorilla/handlers', 'golang-github-gorilla-handlers-dev'),
  };
}

function harnessMain(framework, port, resource, body) {
  const addr = JSON.stringify(`127.0.0.1:${port}`);
  if (framework === 'gin') {
    return `package main

import "github.com/gin-gonic/gin"

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	setup(r)
	r.Any(${JSON.stringify(resource)}, func(c *gin.Context) {
		c.Data(200, "application/json", []byte(${JSON.stringify(body)}))
	})
	if err := r.Run(${addr}); err != nil {
		panic(err)
	}
}
`;
  }
  return `package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc(${JSON.stringify(resource)}, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(${JSON.stringify(body)}))
	})
	if err := http.ListenAndServe(${addr}, handler(mux)); err != nil {
		panic(err)
	}
}
`;
}

/** Write the example and the harness's main into `dir` and build `dir/server`; throws with the compiler's
 *  output when the build fails. */
export function buildGoServer(framework, dir, port, code, body, resource) {
  writeFileSync(join(dir, 'example.go'), code);
  writeFileSync(join(dir, 'harness_main.go'), harnessMain(framework, port, resource, body));
  mkdirSync(CACHE, { recursive: true });
  const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOPROXY: 'off', GOFLAGS: '', GOCACHE: CACHE, CGO_ENABLED: '0' };
  const r = spawnSync(GO, ['build', '-o', 'server', '.'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`go build failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return join(dir, 'server');
}
