/**
 * What each CORS library option makes the server send, per library and version: the text of option hovers.
 * One file per library (named by its id); each states the version its semantics were read from.
 */
import type { LibraryDocs } from './types.js';
// @libraries-imports
import netlify from './netlify.js';
import headersFile from './headers-file.js';
import traefik from './traefik.js';
import istio from './istio.js';
import envoy from './envoy.js';
import caddy from './caddy.js';
import rackCors from './rack-cors.js';
import djangoCorsHeaders from './django-cors-headers.js';
import starlette from './starlette.js';
import koaCors from './koa-cors.js';
import honoCors from './hono-cors.js';
import hapiCors from './hapi-cors.js';
import laravelCors from './laravel-cors.js';
import nelmioCors from './nelmio-cors.js';
import expressCors from './express-cors.js';
import fastifyCors from './fastify-cors.js';
import flaskCors from './flask-cors.js';
import nextjs from './nextjs.js';
import ingressNginx from './ingress-nginx.js';
import vercel from './vercel.js';
import firebaseHosting from './firebase-hosting.js';
import azureStaticWebApps from './azure-static-web-apps.js';
import aspnetcoreCors from './aspnetcore-cors.js';
import webapiCors from './webapi-cors.js';
import awsS3 from './aws-s3.js';
import awsSam from './aws-sam.js';
import awsHttpApi from './aws-http-api.js';
import serverless from './serverless.js';
import springCors from './spring-cors.js';
import rsCors from './rs-cors.js';
import ginContribCors from './gin-contrib-cors.js';
import goChiCors from './go-chi-cors.js';
import echoCors from './echo-cors.js';
import gorillaHandlers from './gorilla-handlers.js';
import fiberCors from './fiber-cors.js';

export type { LibraryDocs, OptionDoc } from './types.js';

const LIBRARIES: readonly LibraryDocs[] = [
  // @libraries-list
  netlify,
  headersFile,
  traefik,
  istio,
  envoy,
  caddy,
  rackCors,
  djangoCorsHeaders,
  starlette,
  koaCors,
  honoCors,
  hapiCors,
  laravelCors,
  nelmioCors,
  expressCors,
  fastifyCors,
  flaskCors,
  nextjs,
  ingressNginx,
  vercel,
  firebaseHosting,
  azureStaticWebApps,
  aspnetcoreCors,
  webapiCors,
  awsS3,
  awsSam,
  awsHttpApi,
  serverless,
  springCors,
  rsCors,
  ginContribCors,
  goChiCors,
  echoCors,
  gorillaHandlers,
  fiberCors,
];

export function libraryDocs(id: string): LibraryDocs | undefined {
  return LIBRARIES.find((l) => l.id === id);
}

export function allLibraryDocs(): readonly LibraryDocs[] {
  return LIBRARIES;
}

/** The doc of one option (names compare case-sensitively, as the libraries do). */
export function optionDoc(library: string, option: string): { library: string; version: string; option: string; markdown: string; docs?: string } | undefined {
  const l = libraryDocs(library);
  const o = l?.options.find((x) => x.name === option);
  if (!l || !o) return undefined;
  return { library: l.title, version: l.version, option: o.name, markdown: o.sends, docs: l.docs };
}
