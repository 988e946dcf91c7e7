/**
 * Is a Java file built with a Spring Framework older than 5.3? Read from the nearest Maven pom.xml up the
 * folder tree that names it (through the host's workspace reader; no IO here): the
 * `spring-boot-starter-parent` / `spring-boot-dependencies` parent version (Boot 2.4 brought Spring 5.3;
 * Boot 1.x–2.3 ship Spring 4.x–5.2), or a `spring.version` / `spring-framework.version` property. Before
 * 5.3, CorsConfiguration.checkOrigin answered `*` + credentials by echoing the request origin (5.2.x
 * source: `if (allowedOrigins.contains(ALL)) { if (allowCredentials != TRUE) return ALL; else return
 * requestOrigin; }`), instead of validateAllowCredentials' refusal. Gradle builds and a pom whose version is a
 * property of another file are not read: undefined (the 5.3+ semantics stand).
 */
import { childrenNamed, parseXml, type XmlElement } from '../../syntax/xml.js';
import { foldersUp } from '../common.js';
import type { SourceFile } from '../types.js';

const text = (el: XmlElement | undefined, name: string) => (el ? childrenNamed(el, name)[0]?.text?.value : undefined);

function majorMinor(v: string | undefined): [number, number] | undefined {
  const parts = v?.split('.');
  if (!parts || parts.length < 2 || !/^\d+$/.test(parts[0]) || !/^\d+$/.test(parts[1])) return undefined;
  return [Number(parts[0]), Number(parts[1])];
}

/** The Spring Framework version a pom states, as [major, minor] (undefined: it does not say). */
function fromPom(pom: string): [number, number] | undefined {
  const root = parseXml(pom).roots.find((r) => r.name === 'project');
  if (!root) return undefined;
  const props = childrenNamed(root, 'properties')[0];
  const fw = majorMinor(text(props, 'spring.version') ?? text(props, 'spring-framework.version'));
  if (fw) return fw;
  const parent = childrenNamed(root, 'parent')[0];
  const artifact = text(parent, 'artifactId');
  if (artifact !== 'spring-boot-starter-parent' && artifact !== 'spring-boot-dependencies') return undefined;
  const boot = majorMinor(text(parent, 'version'));
  if (!boot) return undefined;
  if (boot[0] >= 3) return [6, 0];
  if (boot[0] === 2) return boot[1] >= 4 ? [5, 3] : [5, boot[1]];
  return [4, 3];
}

export function springBefore53(file: SourceFile): boolean | undefined {
  const ws = file.workspace;
  if (!ws) return undefined;
  for (const dir of foldersUp(file.path, 16)) {
    const pom = ws.read(`${dir}/pom.xml`);
    const v = pom === undefined ? undefined : fromPom(pom);
    if (v) return v[0] < 5 || (v[0] === 5 && v[1] < 3);
  }
  return undefined;
}
