import type { Extractor } from './types.js';
// One import per folder under extract/ (the architecture test checks that registry = directories).
// @registry-imports
import ruby from './ruby/index.js';
import express from './express/index.js';
import flask from './flask/index.js';
import php from './php/index.js';
import nginx from './nginx/index.js';
import apache from './apache/index.js';
import iis from './iis/index.js';
import django from './django/index.js';
import starlette from './starlette/index.js';
import koa from './koa/index.js';
import hono from './hono/index.js';
import hapi from './hapi/index.js';
import laravel from './laravel/index.js';
import symfony from './symfony/index.js';
import fetch from './fetch/index.js';
import nextjs from './nextjs/index.js';
import ingress from './ingress/index.js';
import hosting from './hosting/index.js';
import aspnet from './aspnet/index.js';
import staticHeaders from './static-headers/index.js';
import traefik from './traefik/index.js';
import envoy from './envoy/index.js';
import caddy from './caddy/index.js';
import aws from './aws/index.js';
import spring from './spring/index.js';
import go from './go/index.js';

export const extractors: readonly Extractor[] = [
  // @registry-list
  ruby,
  express,
  flask,
  php,
  nginx,
  apache,
  iis,
  django,
  starlette,
  koa,
  hono,
  hapi,
  laravel,
  symfony,
  fetch,
  nextjs,
  ingress,
  hosting,
  aspnet,
  staticHeaders,
  traefik,
  envoy,
  caddy,
  aws,
  spring,
  go,
];

export function extractorById(id: string): Extractor | undefined {
  return extractors.find((e) => e.id === id);
}
