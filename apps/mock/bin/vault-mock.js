#!/usr/bin/env node
// The `vault-mock` command: the CLI built into dist/. This file exists before any build, so that pnpm links the
// command for the workspace's packages at install, which it skips for a bin whose file is missing.
import '../dist/cli.js';
