// @ts-check
// The OpenAPI document a reader downloads from the page: the spec package's bundle, byte for byte, beside index.html.
// The page itself renders dist/openapi.decorated.json, which has the docs' samples and sections added.
import { copyFileSync } from 'node:fs';
import { bundledSpecJson, bundledSpecYaml } from '@vault/spec';

copyFileSync(bundledSpecJson, new URL('../dist/openapi.json', import.meta.url));
copyFileSync(bundledSpecYaml, new URL('../dist/openapi.yaml', import.meta.url));
